import { describe, expect, test } from 'vitest';
import { createProgressPrinter, formatEta } from './progress.js';
import { exerciseById } from '../graders/registry.js';
import { fakeRecord } from './testing/fake-records.js';

describe('progress', () => {
  const rec = fakeRecord(exerciseById('ex0'), { id: 'alice', name: 'A' }, 'pass');
  const events = (p: ReturnType<typeof createProgressPrinter>) => {
    p({ type: 'plan', total: 2, toGrade: 2, skipped: 0, parallel: 1, rowProblems: [] });
    p({ type: 'job-start', job: { studentId: 'alice', exerciseId: 'ex0' }, attempt: 1, running: 1 });
    p({
      type: 'job-done',
      job: { studentId: 'alice', exerciseId: 'ex0' },
      record: rec,
      done: 1,
      toGrade: 2,
      etaMs: 65_000,
    });
  };
  test('plain lines when not a TTY (no carriage return, no escape)', () => {
    let s = '';
    events(createProgressPrinter({ write: (x: string) => (s += x), isTTY: false }));
    expect(s).not.toMatch(/\r|\x1b/);
    expect(s).toContain(`[1/2] alice ex0: ${rec.result.score}/${rec.result.maxScore} (ETA 1m05s)`);
  });
  test('one line rewritten in place with the ETA on a TTY', () => {
    let s = '';
    events(createProgressPrinter({ write: (x: string) => (s += x), isTTY: true, columns: 80 }));
    expect(s).toContain('\r\x1b[K[1/2] 50% ETA 1m05s');
  });
  test('formatEta', () => {
    expect(formatEta(5_000)).toBe('5s');
    expect(formatEta(3_725_000)).toBe('1h02m');
    expect(formatEta(undefined)).toBe('?');
  });
});
