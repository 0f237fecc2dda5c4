import type { BatchHeader } from '../../stack/wire/record-batches.js';
import type { RoleRun } from '../../kit/solution/role.js';

/** One produce run (the student's or the grader's baseline) measured on the broker. */
export interface ProduceMeasure {
  topic: string;
  /** Records found on the topic. */
  records: number;
  /** Broker append time (LogAppendTime) of the last batch minus that of the first, ms. */
  spanMs: number;
  /** Wall time of the whole run, start-up included (for the report only), ms. */
  wallMs: number;
  exitCode: number | null;
  timedOut: boolean;
}

export interface Ex8Prepared {
  setup: RoleRun<'setup'>;
  /** What the setup role said it applied, e.g. { "retention.ms": "86400000" }; null when it printed nothing readable. */
  statedRetention: Record<string, string> | null;
  expectedRecords: number;
  student: ProduceMeasure[];
  baseline: ProduceMeasure[];
  /** The same records, batched and uncompressed, by the grader: the reference for bytes on disk. */
  plain: { topic: string; bytesOnDisk: number };
  /** Bytes the brokers report for the student's first measured topic (DescribeLogDirs). */
  studentBytesOnDisk: number;
  /** The student's first measured topic, whose record batches the codec check reads. */
  studentTopic: string;
  /** Deletes the measurement topics (called by the exercise's cleanup). */
  dropMeasureTopics: () => Promise<void>;
}

/** The setup role's JSON line with retention settings; other lines are ignored. Pure. */
export function parseStatedRetention(lines: string[]): Record<string, string> | null {
  for (const line of [...lines].reverse()) {
    const t = line.trim();
    if (!t.startsWith('{')) continue;
    try {
      const o = JSON.parse(t) as Record<string, unknown>;
      const picked = Object.fromEntries(
        Object.entries(o)
          .filter(([k, v]) => k.startsWith('retention.') && (typeof v === 'string' || typeof v === 'number'))
          .map(([k, v]) => [k, String(v)]),
      );
      if (Object.keys(picked).length) return picked;
    } catch {
      /* not JSON */
    }
  }
  return null;
}

/** Data batches (control batches left out) by codec, and records per batch. Pure. */
export function batchesByCodec(batches: BatchHeader[]): { byCodec: Record<string, number>; recordsPerBatch: number } {
  const data = batches.filter((b) => !b.control);
  const byCodec: Record<string, number> = {};
  for (const b of data) byCodec[b.codec] = (byCodec[b.codec] ?? 0) + 1;
  const records = data.reduce((n, b) => n + b.records, 0);
  return { byCodec, recordsPerBatch: data.length ? Math.round((records / data.length) * 10) / 10 : 0 };
}

export const median = (xs: number[]) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
