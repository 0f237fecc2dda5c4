/**
 * Headless Chromium driven over the DevTools protocol on a pipe (`--remote-debugging-pipe`: JSON messages
 * separated by NUL on file descriptors 3 and 4), so the report pages can be opened in a real browser with no
 * npm dependency and no debugging port. Used by the report browser test; Chromium comes from Debian
 * (`kgrade setup browser`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** The flags that work in a container as root, with no network use of Chromium's own. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--hide-scrollbars',
  '--remote-debugging-pipe',
];

export class ChromiumMissingError extends Error {
  constructor(readonly executable: string) {
    super(
      `Chromium not found at ${executable}. Install it with: sudo kgrade setup browser (or set KGRADE_CHROMIUM to its path).`,
    );
    this.name = 'ChromiumMissingError';
  }
}

interface CdpEvent {
  method: string;
  params: Record<string, unknown>;
  sessionId?: string;
}

export interface PageVisit {
  /** Console messages of level error, uncaught exceptions, log entries of level error. */
  consoleErrors: string[];
  /** Every URL the page requested besides itself. */
  requests: string[];
  /** Result of the page probe (`evaluate`), when one was given. */
  probe: unknown;
  /** Full-page PNG. */
  screenshot: Buffer;
}

export class Chromium {
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (v: Record<string, unknown>) => void; reject: (e: Error) => void; method: string }
  >();
  private readonly listeners = new Set<(e: CdpEvent) => void>();
  private buffer = '';
  private exited = false;

  private constructor(
    private readonly proc: ChildProcess,
    private readonly userDataDir: string,
    private readonly stderrTail: string[],
  ) {
    const out = proc.stdio[4] as Readable;
    out.setEncoding('utf8');
    out.on('data', (chunk: string) => this.onData(chunk));
    proc.on('exit', () => {
      this.exited = true;
      for (const p of this.pending.values())
        p.reject(new Error(`Chromium exited during ${p.method}: ${this.stderrTail.join('').slice(-800)}`));
      this.pending.clear();
    });
  }

  static async launch(executable = process.env.KGRADE_CHROMIUM || DEFAULT_CHROMIUM): Promise<Chromium> {
    if (!fs.existsSync(executable)) throw new ChromiumMissingError(executable);
    const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kgrade-chromium-'));
    const proc = spawn(executable, [...CHROMIUM_FLAGS, `--user-data-dir=${userDataDir}`, 'about:blank'], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
      detached: true,
    });
    const tail: string[] = [];
    proc.stderr!.setEncoding('utf8');
    proc.stderr!.on('data', (s: string) => {
      tail.push(s);
      if (tail.length > 50) tail.shift();
    });
    const browser = new Chromium(proc, userDataDir, tail);
    await browser.send('Browser.getVersion');
    return browser;
  }

  get version(): Promise<string> {
    return this.send('Browser.getVersion').then((v) => String(v.product));
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf('\0')) >= 0) {
      const raw = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 1);
      const msg = JSON.parse(raw) as {
        id?: number;
        result?: Record<string, unknown>;
        error?: { message: string };
        method?: string;
        params?: Record<string, unknown>;
        sessionId?: string;
      };
      if (msg.id !== undefined) {
        const p = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        if (msg.error) p?.reject(new Error(`${p.method}: ${msg.error.message}`));
        else p?.resolve(msg.result ?? {});
      } else if (msg.method) {
        const e: CdpEvent = {
          method: msg.method,
          params: msg.params ?? {},
          ...(msg.sessionId ? { sessionId: msg.sessionId } : {}),
        };
        for (const l of this.listeners) l(e);
      }
    }
  }

  send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> {
    if (this.exited) return Promise.reject(new Error(`Chromium has exited (${method})`));
    const id = this.nextId++;
    const msg = JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) });
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method });
      (this.proc.stdio[3] as Writable).write(`${msg}\0`);
    });
  }

  private waitFor(pred: (e: CdpEvent) => boolean, timeoutMs: number, what: string): Promise<CdpEvent> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.delete(l);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const l = (e: CdpEvent) => {
        if (!pred(e)) return;
        clearTimeout(timer);
        this.listeners.delete(l);
        resolve(e);
      };
      this.listeners.add(l);
    });
  }

  /**
   * Opens a file in a new tab `width` pixels wide, waits for its load event, runs `probe` (an expression) in
   * it, and takes a full-page screenshot. Every request other than the page itself is recorded.
   */
  async visit(file: string, opts: { width?: number; probe?: string; timeoutMs?: number } = {}): Promise<PageVisit> {
    const url = `file://${path.resolve(file)}`;
    const timeoutMs = opts.timeoutMs ?? 15_000;
    const { targetId } = (await this.send('Target.createTarget', { url: 'about:blank' })) as { targetId: string };
    const { sessionId } = (await this.send('Target.attachToTarget', { targetId, flatten: true })) as {
      sessionId: string;
    };
    const consoleErrors: string[] = [];
    const requests: string[] = [];
    const listener = (e: CdpEvent) => {
      if (e.sessionId !== sessionId) return;
      if (e.method === 'Runtime.consoleAPICalled' && (e.params.type === 'error' || e.params.type === 'assert')) {
        consoleErrors.push(
          `console.${String(e.params.type)}: ${JSON.stringify((e.params.args as { value?: unknown; description?: string }[]).map((a) => a.value ?? a.description))}`,
        );
      } else if (e.method === 'Runtime.exceptionThrown') {
        consoleErrors.push(`exception: ${JSON.stringify((e.params.exceptionDetails as { text?: string })?.text)}`);
      } else if (e.method === 'Log.entryAdded') {
        const entry = e.params.entry as { level: string; text: string; url?: string };
        if (entry.level === 'error') consoleErrors.push(`log: ${entry.text}${entry.url ? ` (${entry.url})` : ''}`);
      } else if (e.method === 'Network.requestWillBeSent') {
        const u = String((e.params.request as { url: string }).url);
        if (u !== url && u !== 'about:blank') requests.push(u);
      }
    };
    this.listeners.add(listener);
    try {
      for (const domain of ['Page', 'Runtime', 'Log', 'Network']) await this.send(`${domain}.enable`, {}, sessionId);
      const width = opts.width ?? 1280;
      await this.send(
        'Emulation.setDeviceMetricsOverride',
        { width, height: 900, deviceScaleFactor: 1, mobile: false },
        sessionId,
      );
      const loaded = this.waitFor(
        (e) => e.sessionId === sessionId && e.method === 'Page.loadEventFired',
        timeoutMs,
        `the load of ${url}`,
      );
      const nav = (await this.send('Page.navigate', { url }, sessionId)) as { errorText?: string };
      if (nav.errorText) throw new Error(`navigation to ${url} failed: ${nav.errorText}`);
      await loaded;
      const probe = opts.probe ? await this.evaluate(opts.probe, sessionId) : undefined;
      const height = Number(await this.evaluate('Math.ceil(document.documentElement.scrollHeight)', sessionId));
      await this.send(
        'Emulation.setDeviceMetricsOverride',
        { width, height: Math.min(Math.max(height, 300), 16_000), deviceScaleFactor: 1, mobile: false },
        sessionId,
      );
      const shot = (await this.send(
        'Page.captureScreenshot',
        { format: 'png', captureBeyondViewport: true },
        sessionId,
      )) as { data: string };
      return { consoleErrors, requests, probe, screenshot: Buffer.from(shot.data, 'base64') };
    } finally {
      this.listeners.delete(listener);
      await this.send('Target.closeTarget', { targetId }).catch(() => undefined);
    }
  }

  private async evaluate(expression: string, sessionId: string): Promise<unknown> {
    const r = (await this.send('Runtime.evaluate', { expression, returnByValue: true }, sessionId)) as {
      result: { value?: unknown };
      exceptionDetails?: { text: string };
    };
    if (r.exceptionDetails) throw new Error(`probe failed: ${r.exceptionDetails.text}`);
    return r.result.value;
  }

  /** Closes the browser; whatever of its process group is left is killed. */
  async close(): Promise<void> {
    if (!this.exited) {
      const gone = new Promise<void>((resolve) => this.proc.once('exit', () => resolve()));
      await Promise.race([
        this.send('Browser.close')
          .catch(() => undefined)
          .then(() => gone),
        new Promise((r) => setTimeout(r, 3000)),
      ]);
    }
    try {
      if (this.proc.pid) process.kill(-this.proc.pid, 'SIGKILL');
    } catch {
      // the group is already gone
    }
    fs.rmSync(this.userDataDir, { recursive: true, force: true });
  }
}
