import { compilerErrors, locationOf } from '../reports/compiler-errors.js';

/**
 * The one line of a crashed program's output that says why it died: the first compiler error with its file:line
 * when the output has one (a build that failed, tsx refusing a file at start-up); for a JVM, the deepest
 * `Caused by:` of the last stack trace (or the exception line itself when nothing caused it); for Node, the
 * first error line (`TypeError: ...`, `Error [ERR_MODULE_NOT_FOUND]: ...`). Pure: text in, line out.
 */
export function rootCauseLine(output: string): string | undefined {
  const compiler = compilerErrors(output, 1)[0];
  if (compiler) return `${locationOf(compiler)} ${compiler.message}`;
  const lines = output
    .replace(/\x1b\[[0-9;]*m/g, '')
    .split(/\r?\n/)
    .map((l) => l.trimEnd());
  const causedBy = lines.filter((l) => /^\s*Caused by:\s*\S/.test(l));
  if (causedBy.length) return causedBy[causedBy.length - 1]!.trim();
  const javaThrown = lines.findIndex((l) => JAVA_EXCEPTION.test(l.trim()) && nextIsFrame(lines, l));
  if (javaThrown >= 0) return lines[javaThrown]!.trim().replace(/^Exception in thread "[^"]*"\s+/, '');
  const nodeError = lines.find((l) => NODE_ERROR.test(l));
  if (nodeError) return nodeError.trim();
  return undefined;
}

/** The last `n` non-empty lines of a program's output, colour codes removed. */
export function lastLines(output: string, n = 12): string {
  return output
    .replace(/\x1b\[[0-9;]*m/g, '')
    .split(/\r?\n/)
    .filter((l) => l.trim().length > 0)
    .slice(-n)
    .join('\n');
}

/** `org.x.FooException: msg`, `java.lang.OutOfMemoryError`, `Exception in thread "main" ...`. */
const JAVA_EXCEPTION =
  /^(Exception in thread "[^"]*"\s+)?([a-z_$][\w$]*\.)+[A-Z][\w$]*(Exception|Error|Throwable)\b(:.*)?$/;

/** `Error: ...`, `TypeError: ...`, `Error [ERR_X]: ...`, `SyntaxError: ...`, `KafkaJSConnectionError: ...` at the start of a line. */
const NODE_ERROR = /^([A-Z][A-Za-z]*)?Error( \[[A-Z_]+\])?: \S/;

function nextIsFrame(lines: string[], line: string): boolean {
  const i = lines.indexOf(line);
  return /^\s+at\s/.test(lines[i + 1] ?? '') || /^Exception in thread/.test(line.trim());
}

/** An exception line anywhere in a line (after a log prefix or `Caused by:`), with its message: group 1 the class, 2 the message. */
const JAVA_THROWN_IN_LINE = /(?:^|[\s:[(])((?:[a-z_$][\w$]*\.)+[A-Z][\w$]*(?:Exception|Error))(?=:|\s*$)(?::\s*(.*))?$/;
const NODE_THROWN_IN_LINE = /^\s*((?:[A-Z][A-Za-z]*)?Error(?: \[[A-Z_]+\])?): (\S.*)$/;

export interface RepeatedException {
  /** The exception as first written: `com.x.FooException: message`. */
  line: string;
  count: number;
}

/**
 * The exception a program's output repeats most (at least `minCount` times): what fills the output of a program
 * stuck on one failure (a record it cannot read, a call it retries). Lines that differ only in numbers count as
 * one; among exceptions repeated as often (a trace's wrapper and its cause), the deepest cause wins. Pure.
 */
export function repeatedException(output: string, minCount = 3): RepeatedException | undefined {
  const seen = new Map<string, { line: string; count: number; first: number }>();
  const lines = output.replace(/\x1b\[[0-9;]*m/g, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = exceptionIn(raw);
    if (!line) return;
    const key = line.replace(/\d+/g, '#').slice(0, 200);
    const entry = seen.get(key);
    if (entry) entry.count++;
    else seen.set(key, { line, count: 1, first: i });
  });
  let best: { line: string; count: number; first: number } | undefined;
  for (const e of seen.values())
    if (e.count >= minCount && (!best || e.count > best.count || (e.count === best.count && e.first > best.first)))
      best = e;
  return best && { line: best.line.length > 400 ? `${best.line.slice(0, 400)}...` : best.line, count: best.count };
}

/** The exception a log line reports (`com.x.FooException: message`, `TypeError: message`), not a stack frame. Pure. */
function exceptionIn(raw: string): string | undefined {
  if (/^\s+at\s/.test(raw)) return undefined;
  const m = JAVA_THROWN_IN_LINE.exec(raw) ?? NODE_THROWN_IN_LINE.exec(raw);
  if (!m) return undefined;
  // `Resolved [x.FooException: msg]`: the bracket closes the log's, not the message
  const message = raw.includes(`[${m[1]}`) ? m[2]?.trim().replace(/\]$/, '') : m[2]?.trim();
  return `${m[1]}${message ? `: ${message}` : ''}`;
}

/**
 * The line of a server's log (its output while it answered one request) that explains an error answer: the
 * root cause of a stack trace; else the last exception a line reports (Spring's `Resolved [...Exception: ...]`);
 * else the last WARN or ERROR line. Pure.
 */
export function explainingLogLine(log: string): string | undefined {
  const cause = rootCauseLine(log);
  if (cause) return cause;
  const lines = log.replace(/\x1b\[[0-9;]*m/g, '').split(/\r?\n/);
  for (let i = lines.length - 1; i >= 0; i--) {
    const e = exceptionIn(lines[i]!);
    if (e) return cut(e);
  }
  const warned = [...lines].reverse().find((l) => /\b(WARN|WARNING|ERROR|SEVERE|FATAL)\b/.test(l));
  return warned ? cut(warned.trim()) : undefined;
}

function cut(line: string, max = 300): string {
  return line.length > max ? `${line.slice(0, max)}...` : line;
}
