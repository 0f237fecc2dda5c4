import fs from 'node:fs';
import type { WatchedRecord } from '../../kit/readers/topic-watcher.js';

/**
 * Reads the JSON line a line of the processed file holds. A `kill -9` can leave a line unfinished; the
 * restarted application then appends after the fragment, so a line that is not JSON as a whole is read from
 * the first `{` where valid JSON starts. Pure.
 */
export function parseProcessedLine(line: string): Record<string, unknown> | undefined {
  for (let i = line.indexOf('{'); i >= 0; i = line.indexOf('{', i + 1)) {
    try {
      const j = JSON.parse(line.slice(i)) as unknown;
      if (j && typeof j === 'object' && !Array.isArray(j)) return j as Record<string, unknown>;
    } catch {
      /* try the next brace */
    }
  }
  return undefined;
}

/** The records of complete lines, numbered from `firstIndex` (the line number stands for an offset). Pure. */
export function processedRecords(lines: string[], firstIndex: number, seenAtMs: number): WatchedRecord[] {
  return lines.map((value, i) => {
    const json = parseProcessedLine(value);
    const at = json?.processedAtMs;
    return {
      partition: 0,
      offset: firstIndex + i,
      key: null,
      value,
      timestampMs: typeof at === 'number' ? at : seenAtMs,
      seenAtMs,
      json,
    };
  });
}

/**
 * With `"sink": "file"`, the application appends one JSON line per processed notification to a file the
 * grader names (KGRADE_PROCESSED_FILE); this tails it, every 50 ms, from the grader's side.
 */
export class ProcessedFileWatcher {
  private readonly seen: WatchedRecord[] = [];
  private position = 0;
  private partial = '';
  private lineCount = 0;
  private timer?: NodeJS.Timeout;

  /** `file`: handed to the solution (it must be able to write it, sandboxed or not). */
  constructor(readonly file: string) {}

  async start(): Promise<void> {
    fs.writeFileSync(this.file, '');
    this.timer = setInterval(() => this.poll(), 50);
  }

  private poll(): void {
    let fd: number | undefined;
    try {
      fd = fs.openSync(this.file, 'r');
      const size = fs.fstatSync(fd).size;
      if (size <= this.position) return;
      const buf = Buffer.alloc(size - this.position);
      fs.readSync(fd, buf, 0, buf.length, this.position);
      this.position = size;
      const text = this.partial + buf.toString('utf8');
      const lines = text.split('\n');
      this.partial = lines.pop() ?? '';
      const complete = lines.filter((l) => l.trim() !== '');
      this.seen.push(...processedRecords(complete, this.lineCount, Date.now()));
      this.lineCount += complete.length;
    } catch {
      /* the file is the application's to write: a missing or unreadable file shows as nothing processed */
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  }

  records(): WatchedRecord[] {
    this.poll();
    return [...this.seen];
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.poll();
    fs.rmSync(this.file, { force: true });
  }
}
