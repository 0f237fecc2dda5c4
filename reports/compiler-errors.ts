/**
 * The compiler's errors in a build's output, with file:line, in the order the compiler gave them.
 * Reads javac through Maven (`[ERROR] /p/Main.java:[64,34] cannot find symbol`), plain javac
 * (`Main.java:64: error: ...`), tsc (`src/a.ts(3,5): error TS2304: ...` and `src/a.ts:3:5 - error TS...`),
 * esbuild/tsx (`/p/src/a.ts:3:10: ERROR: ...`, and the pretty `✘ [ERROR] msg` followed by `    src/a.ts:3:10:`).
 * Pure: text in, errors out; an error listed twice (Maven prints them twice) is kept once.
 */
export interface CompilerError {
  /** The path as the compiler printed it, shortened to start at `src/` when it contains one. */
  file: string;
  line: number;
  column?: number;
  message: string;
  /** Lines that belong to the message (javac's `symbol:` and `location:`). */
  detail: string[];
}

const MAVEN_JAVAC = /^(?:\[ERROR\]\s+)?(\/?[^\s:[\]]+\.(?:java|kt|scala)):\[(\d+),(\d+)\]\s+(.*)$/;
const JAVAC = /^([^\s:]+\.java):(\d+):\s+error:\s+(.*)$/;
const TSC_PAREN = /^([^\s(]+\.[cm]?[jt]sx?)\((\d+),(\d+)\):\s+error\s+(TS\d+:\s+.*)$/;
const TSC_PRETTY = /^([^\s:]+\.[cm]?[jt]sx?):(\d+):(\d+)\s+-\s+error\s+(TS\d+:\s+.*)$/;
const ESBUILD_INLINE = /^(?:.*?\s)?(\/?[^\s:]+\.[cm]?[jt]sx?):(\d+):(\d+):\s+ERROR:\s+(.*)$/;
const ESBUILD_PRETTY = /^\s*(?:✘\s+)?\[ERROR\]\s+(.*\S)\s*$/;
const ESBUILD_LOCATION = /^\s+([^\s:]+\.[cm]?[jt]sx?):(\d+):(\d+):\s*$/;
const JAVAC_DETAIL = /^(?:\[ERROR\]\s+)?\s+(symbol|location|required|found|reason)\s*:\s*(.*)$/;

export function compilerErrors(output: string, max = 10): CompilerError[] {
  const lines = output.replace(/\x1b\[[0-9;]*m/g, '').split(/\r?\n/);
  const out: CompilerError[] = [];
  const seen = new Set<string>();
  const add = (e: CompilerError): void => {
    const key = `${e.file}:${e.line}:${e.column ?? ''}:${e.message}`;
    if (seen.has(key) || out.length >= max) return;
    seen.add(key);
    out.push(e);
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trimEnd();
    let m: RegExpMatchArray | null;
    if ((m = line.match(MAVEN_JAVAC))) {
      add({
        file: shortPath(m[1]!),
        line: Number(m[2]),
        column: Number(m[3]),
        message: m[4]!.trim(),
        detail: javacDetail(lines, i),
      });
    } else if ((m = line.match(JAVAC))) {
      add({ file: shortPath(m[1]!), line: Number(m[2]), message: m[3]!.trim(), detail: javacDetail(lines, i) });
    } else if ((m = line.match(TSC_PAREN)) || (m = line.match(TSC_PRETTY))) {
      add({ file: shortPath(m[1]!), line: Number(m[2]), column: Number(m[3]), message: m[4]!.trim(), detail: [] });
    } else if ((m = line.match(ESBUILD_INLINE))) {
      add({ file: shortPath(m[1]!), line: Number(m[2]), column: Number(m[3]), message: m[4]!.trim(), detail: [] });
    } else if (
      (m = line.match(ESBUILD_PRETTY)) &&
      !/^(Failed to execute goal|COMPILATION ERROR|-> \[Help|BUILD FAILURE)/.test(m[1]!)
    ) {
      const at = lines.slice(i + 1, i + 4).findIndex((l) => ESBUILD_LOCATION.test(l));
      if (at >= 0) {
        const loc = lines[i + 1 + at]!.match(ESBUILD_LOCATION)!;
        add({ file: shortPath(loc[1]!), line: Number(loc[2]), column: Number(loc[3]), message: m[1]!, detail: [] });
      }
    }
  }
  return out;
}

/** `Main.java:64:34` style location of an error. */
export function locationOf(e: CompilerError): string {
  return `${e.file}:${e.line}${e.column !== undefined ? `:${e.column}` : ''}`;
}

function javacDetail(lines: string[], i: number): string[] {
  const detail: string[] = [];
  for (let j = i + 1; j < lines.length && detail.length < 3; j++) {
    const m = lines[j]!.match(JAVAC_DETAIL);
    if (!m) break;
    detail.push(`${m[1]}: ${m[2]!.trim()}`);
  }
  return detail;
}

function shortPath(p: string): string {
  const i = p.lastIndexOf('/src/');
  if (i >= 0) return p.slice(i + 1);
  return p.startsWith('/') ? p.slice(p.lastIndexOf('/') + 1) : p;
}
