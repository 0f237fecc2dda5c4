import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GraderError } from '../core/errors.js';
import type { CheckDefinition, ExerciseDefinition } from './exercise.js';
import { GradeSession } from './grade-session.js';
import { PhaseClock } from './phase-timing.js';

const check = (id: string): CheckDefinition =>
  ({
    id,
    title: { fr: id, en: id },
    points: 1,
    hint: { fr: '', en: '' },
    observe: async () => undefined,
    judge: () => ({ status: 'pass', evidence: { summary: { fr: '', en: '' } } }),
  }) as CheckDefinition;

describe('PhaseClock', () => {
  it('tells start-up only for the first grading of a process, and sums each phase', async () => {
    const first = new PhaseClock(1234.4, true);
    await first.time('prepareMs', async () => undefined);
    await expect(first.time('teardownMs', async () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    first.solutionStarted('app', 812.6);
    first.checked('c1', 10.2);
    const t = first.result();
    expect(t.startupMs).toBe(1234);
    expect(t.solutionStarts).toEqual([{ phase: 'app', ms: 813 }]);
    expect(t.checks).toEqual([{ id: 'c1', ms: 10 }]);
    expect(Object.keys(t).sort()).toEqual([
      'buildMs',
      'checks',
      'prepareMs',
      'solutionStarts',
      'stackMs',
      'startupMs',
      'teardownMs',
    ]);
    expect(new PhaseClock(99, false).result().startupMs).toBeUndefined();
  });
});

describe('GradeSession timing', () => {
  it('a result carries one timing entry per check, in order, even when the stack could not be had', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kgrade-timing-'));
    fs.writeFileSync(path.join(dir, 'kgrade.json'), JSON.stringify({ runner: 'command', start: 'true' }));
    const exercise = {
      id: 'exT',
      title: { fr: 't', en: 't' },
      contract: {},
      stack: {},
      checks: [check('a'), check('b')],
      prepare: async () => undefined,
    } as unknown as ExerciseDefinition;
    const session = new GradeSession({
      exercise,
      source: { dir },
      seed: 1,
      replayCommand: 'kgrade grade exT',
      acquireStack: async () => {
        await new Promise((r) => setTimeout(r, 20));
        throw new GraderError('STACK_NOT_READY', 'no stack here', { hint: 'none' });
      },
    });
    const result = await session.runAll();
    expect(result.timing).toMatchObject({
      buildMs: expect.any(Number),
      prepareMs: 0,
      teardownMs: expect.any(Number),
      solutionStarts: [],
    });
    expect(result.timing!.stackMs).toBeGreaterThanOrEqual(15);
    expect(result.timing!.checks.map((c) => c.id)).toEqual(['a', 'b']);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
