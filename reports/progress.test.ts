import { describe, expect, it } from 'vitest';
import { progressPrinter } from './progress.js';

const check = { id: 'sync-lands', title: { fr: 'Envoi synchrone', en: 'Sync send' }, points: 2 };
const verdict = {
  ...check,
  score: 2,
  status: 'pass' as const,
  evidence: { summary: { fr: 'ok', en: 'ok' } },
  durationMs: 3100,
};

describe('progressPrinter', () => {
  it('without a terminal: one line when a stage or check starts, one with the verdict when it ends', () => {
    const out: string[] = [];
    let t = 0;
    const p = progressPrinter({ lang: 'en', tty: false, write: (s) => out.push(s), now: () => t });
    p.onEvent({ type: 'stage', exercise: 'ex1', stage: 'setup' });
    p.onEvent({ type: 'check-start', exercise: 'ex1', check, index: 0, total: 8 });
    t = 3100;
    p.onEvent({ type: 'check-end', exercise: 'ex1', verdict, index: 0, total: 8 });
    p.close();
    expect(out.join('')).toBe(
      '[ex1] starting the Kafka stack and building the solution …\n[ex1] 1/8 Sync send …\n[ex1] 1/8 Sync send → ✔ pass 2/2 (3.1 s)\n',
    );
  });

  it('in a terminal: the running line is redrawn in place and replaced by the verdict line', () => {
    const out: string[] = [];
    const p = progressPrinter({ lang: 'fr', tty: true, write: (s) => out.push(s), now: () => 0 });
    p.onEvent({ type: 'check-start', exercise: 'ex1', check, index: 0, total: 8 });
    p.onEvent({
      type: 'check-end',
      exercise: 'ex1',
      verdict: { ...verdict, status: 'fail', score: 0 },
      index: 0,
      total: 8,
    });
    p.close();
    expect(out[0]).toBe('\r\u001b[2K[ex1] 1/8 Envoi synchrone … 0 ms');
    expect(out.at(-1)).toMatch(/^\[ex1\] 1\/8 Envoi synchrone → ✘ \S+ 0\/2 \(3,1 s\)\n$/);
  });

  it('two exercises at once: each verdict line names its own check, and a terminal shows both running', () => {
    const out: string[] = [];
    const p = progressPrinter({ lang: 'en', tty: true, write: (s) => out.push(s), now: () => 0 });
    const other = { id: 'codec', title: { fr: 'Codec', en: 'Codec' }, points: 1 };
    p.onEvent({ type: 'check-start', exercise: 'ex1', check, index: 0, total: 8 });
    p.onEvent({ type: 'check-start', exercise: 'ex8', check: other, index: 2, total: 5 });
    expect(out.at(-1)).toBe('\r\u001b[2K[ex1] 1/8 Sync send … 0 ms  ·  [ex8] 3/5 Codec … 0 ms');
    p.onEvent({ type: 'check-end', exercise: 'ex1', verdict, index: 0, total: 8 });
    expect(out.at(-2)).toBe('[ex1] 1/8 Sync send → ✔ pass 2/2 (3.1 s)\n');
    // The other exercise's check is still running: drawn again under the verdict.
    expect(out.at(-1)).toBe('\r\u001b[2K[ex8] 3/5 Codec … 0 ms');
    p.close();
  });
});
