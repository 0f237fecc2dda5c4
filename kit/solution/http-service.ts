import { SolutionError } from '../../core/errors.js';
import { tail } from '../../core/exec.js';
import { freePort } from '../../core/ports.js';
import type { RunContext } from '../../engine/exercise.js';
import type { Localized } from '../../model/verdict.js';
import { waitFor } from '../../core/wait-for.js';
import { portFinding } from '../../runner/listening-ports.js';
import { explainingLogLine } from '../../runner/root-cause.js';
import { notServingDiagnosis, settleMsFor, waitUntilServing } from '../../runner/readiness.js';
import { limitStopError } from '../../runner/limit-stop.js';
import { SolutionProcess } from '../../runner/solution-process.js';
import { launchSpec, launchVia } from '../../runner/solution.js';

export interface HttpOutcome {
  /** HTTP status, or what happened instead. */
  status: number | 'timeout' | 'refused';
  ms: number;
  json?: unknown;
  /** The start of the response body (or the connection error). */
  text?: string;
  /** For an error answer (4xx, 5xx): the line of the service's own log that explains it, when it wrote one. */
  logLine?: string;
}

/** How long after an error answer the service's explaining log line may still be on its way through the pipe. */
const LOG_LINE_WAIT_MS = 300;

/** Characters of a response body quoted in evidence. */
export const BODY_EXCERPT_CHARS = 300;

export const is2xx = (s: HttpOutcome['status']) => typeof s === 'number' && s >= 200 && s < 300;
export const is5xx = (s: HttpOutcome['status']) => typeof s === 'number' && s >= 500 && s < 600;

/** "400 after 12 ms, body: {...}": what the grader saw of one answer, for a summary. */
export function describeHttp(o: HttpOutcome): Localized {
  if (o.status === 'timeout') return { fr: `aucune réponse en ${fmtMs(o.ms)}`, en: `no answer within ${fmtMs(o.ms)}` };
  if (o.status === 'refused')
    return {
      fr: `connexion refusée (${o.text ?? 'pas de détail'})`,
      en: `connection refused (${o.text ?? 'no detail'})`,
    };
  const body = o.text?.trim() ? JSON.stringify(o.text.slice(0, BODY_EXCERPT_CHARS)) : undefined;
  const log = o.logLine
    ? {
        fr: ` (son journal pendant la requête : ${JSON.stringify(o.logLine)})`,
        en: ` (its log during the request: ${JSON.stringify(o.logLine)})`,
      }
    : { fr: '', en: '' };
  return {
    fr: `${o.status} en ${fmtMs(o.ms)}, ${body ? `corps : ${body}` : 'corps vide'}${log.fr}`,
    en: `${o.status} after ${fmtMs(o.ms)}, ${body ? `body: ${body}` : 'empty body'}${log.en}`,
  };
}

const fmtMs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`);

/** "POST /notifications/sync", as a contract's endpoints name them. */
export interface Endpoint {
  method: string;
  path: string;
}

export function parseEndpoint(spec: string): Endpoint {
  const [method, path] = spec.split(' ');
  return { method: method!, path: path! };
}

/** A solution serving HTTP on the port the grader gave it (PORT and SERVER_PORT). */
export class HttpService {
  constructor(
    readonly proc: SolutionProcess,
    readonly baseUrl: string,
  ) {}

  /** A check during which the service died is an `error` with the crash, never a `fail` of the behaviour. */
  assertAlive(): void {
    if (!this.proc.running) {
      const exit = this.proc.exitSummary();
      const how = exit.signal ? `signal ${exit.signal}` : `code ${exit.code}`;
      if (exit.limit)
        throw limitStopError(
          exit.limit,
          { fr: "l'application s'est arrêtée pendant l'évaluation", en: 'the application stopped during grading' },
          this.proc,
          40,
        );
      throw new SolutionError(
        'crash',
        {
          fr: `l'application s'est arrêtée pendant l'évaluation (${how})`,
          en: `the application exited during grading (${how})`,
        },
        {
          fr: "Votre application s'est arrêtée pendant l'évaluation : lisez la cause première et la fin de sa sortie ci-dessous.",
          en: 'Your application stopped during grading: read the root cause and the end of its output below.',
        },
        tail(this.proc.stderrText() + '\n' + this.proc.stdoutText(), 40),
      );
    }
  }

  async request(ep: Endpoint, body?: unknown, timeoutMs = 20_000): Promise<HttpOutcome> {
    this.assertAlive();
    const t = performance.now();
    const mark = this.proc.mark();
    try {
      const r = await fetch(`${this.baseUrl}${ep.path}`, {
        method: ep.method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await r.text();
      const ms = Math.round(performance.now() - t);
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        /* not JSON */
      }
      const logLine = r.status >= 400 ? await this.logLineSince(mark) : undefined;
      return { status: r.status, ms, json, text: text.slice(0, BODY_EXCERPT_CHARS), ...(logLine ? { logLine } : {}) };
    } catch (e) {
      const ms = Math.round(performance.now() - t);
      if ((e as Error).name === 'TimeoutError') return { status: 'timeout', ms };
      // A refused connection is often a JVM on its way out: give it time to exit before calling it a refusal.
      await this.proc.waitForExitWithin(3000);
      this.assertAlive();
      const cause = (e as Error & { cause?: { code?: string } }).cause?.code;
      return { status: 'refused', ms, text: cause ? `${(e as Error).message}: ${cause}` : (e as Error).message };
    }
  }

  /** What the service logged about a request it refused or failed (its pipe may deliver the line just after the answer). */
  private async logLineSince(mark: { out: number; err: number }): Promise<string | undefined> {
    const line = () => {
      const log = this.proc.logSince(mark, 'request');
      return explainingLogLine(`${log.stdout}\n${log.stderr}`);
    };
    return line() ?? (await waitFor(line, { timeoutMs: LOG_LINE_WAIT_MS, intervalMs: 50 }).catch(() => undefined));
  }

  /** Runs one check's observation, attaching the service's output during it to the report. */
  async observe<T>(ctx: RunContext, phase: string, fn: () => Promise<T>): Promise<T> {
    const mark = this.proc.mark();
    try {
      const obs = await fn();
      // Died during the check: an error with the crash, not a verdict on what a dying process answered.
      this.assertAlive();
      return obs;
    } catch (e) {
      this.assertAlive();
      throw e;
    } finally {
      ctx.addLog(this.proc.logSince(mark, phase));
    }
  }

  async stop(): Promise<void> {
    await this.proc.stop(5000);
  }
}

/**
 * Starts the solution as an HTTP service on a free port and waits until it serves: its declared `ready.log`
 * line, or its port answering while it stays alive for a settle time. A start-up exit or a port that never
 * answers is the solution's error.
 */
export async function startHttpService(
  ctx: RunContext,
  opts: { env?: Record<string, string>; readyTimeoutMs: number; phase?: string },
): Promise<HttpService> {
  const port = await freePort();
  const env = { ...ctx.solutionEnv, PORT: String(port), SERVER_PORT: String(port), ...opts.env };
  const proc = new SolutionProcess(
    opts.phase ?? 'app',
    launchSpec(ctx.solution, ctx.exerciseId, env),
    undefined,
    launchVia(ctx.solution, [port]),
  );
  const launchedAt = performance.now();
  const ready = ctx.solution.manifest.ready;
  const settleMs = settleMsFor(ctx.solution, ctx.exerciseId);
  const readyTimeoutMs = (ready?.timeoutSeconds ?? 0) * 1000 || opts.readyTimeoutMs;
  const outcome = await waitUntilServing(
    proc,
    { port, log: ready?.log ? new RegExp(ready.log) : undefined, settleMs },
    readyTimeoutMs,
  );
  ctx.recordStart?.(opts.phase ?? 'app', performance.now() - launchedAt);
  if (outcome === 'ready') return new HttpService(proc, `http://127.0.0.1:${port}`);
  const sockets = outcome === 'exited' ? undefined : proc.listeningSockets();
  const waitedMs = performance.now() - launchedAt;
  const exit = outcome === 'exited' ? proc.exitSummary() : await proc.killAndWait();
  ctx.addLog(proc.log());
  if (outcome === 'exited' && exit.limit)
    throw limitStopError(
      exit.limit,
      { fr: "l'application s'est arrêtée au démarrage", en: 'the application stopped during start-up' },
      proc,
      40,
    );
  if (outcome === 'exited') {
    throw new SolutionError(
      'start',
      {
        fr: `l'application s'est arrêtée au démarrage (code ${exit.code})`,
        en: `the application stopped during start-up (code ${exit.code})`,
      },
      {
        fr: 'Lisez la cause première et la fin de sa sortie ci-dessous (souvent une propriété mal écrite, ou des brokers lus ailleurs que dans KAFKA_BOOTSTRAP_SERVERS).',
        en: 'Read the root cause and the end of its output below (often a mistyped property, or brokers read from somewhere else than KAFKA_BOOTSTRAP_SERVERS).',
      },
      tail(proc.stderrText() + '\n' + proc.stdoutText(), 40),
    );
  }
  const { message, hint } = notServingDiagnosis(
    port,
    sockets && portFinding(sockets, port),
    outcome === 'timeout' ? readyTimeoutMs : waitedMs,
  );
  throw new SolutionError('not-ready', message, hint, tail(proc.stderrText() + '\n' + proc.stdoutText(), 40));
}
