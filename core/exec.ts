import { spawn } from 'node:child_process';

export interface ExecResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface ExecOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** Keep at most this many characters of each stream (the tail). */
  maxOutputChars?: number;
  onLine?: (line: string) => void;
}

/** Runs a command to completion, capturing its output; never throws for a non-zero exit. */
export function execCapture(cmd: string, args: string[], opts: ExecOptions = {}): Promise<ExecResult> {
  const max = opts.maxOutputChars ?? 200_000;
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    let partial = '';
    const keep = (acc: string, chunk: string) =>
      acc.length + chunk.length > max ? (acc + chunk).slice(-max) : acc + chunk;
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      stdout = keep(stdout, c);
      if (opts.onLine) {
        const lines = (partial + c).split('\n');
        partial = lines.pop() ?? '';
        lines.forEach(opts.onLine);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr = keep(stderr, c)));
    const timer = opts.timeoutMs
      ? setTimeout(() => {
          try {
            process.kill(-child.pid!, 'SIGKILL');
          } catch {
            /* already gone */
          }
        }, opts.timeoutMs)
      : undefined;
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** True when `cmd` can be found on PATH. */
export async function commandExists(cmd: string): Promise<boolean> {
  try {
    const r = await execCapture('sh', ['-c', `command -v ${cmd}`]);
    return r.code === 0;
  } catch {
    return false;
  }
}

export function tail(text: string, lines = 30): string {
  return text
    .replace(/\x1b\[[0-9;]*m/g, '')
    .trimEnd()
    .split('\n')
    .slice(-lines)
    .join('\n');
}
