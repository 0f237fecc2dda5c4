import fs from 'node:fs';
import type { RunContext } from '../../engine/exercise.js';
import { EX8_RULES } from './contract.js';
import {
  createMeasureTopics,
  deleteTopics,
  measureTopic,
  newsLines,
  runNaiveBaseline,
  runPlainBatched,
  toMeasure,
  writeRecordsFile,
} from './measure.js';
import { parseStatedRetention, type Ex8Prepared } from './observations.js';
import { runRole } from '../../kit/solution/role.js';
import { handOver } from '../../runner/solution.js';

/**
 * Runs the setup role once (the measurement topics created meanwhile), then the student's produce role and the
 * grader's naive baseline alternately (EX8_RULES.repeats times each) on fresh one-partition topics timed by the
 * broker. Once every timed run is over, the topics are read back and the same records sent batched and
 * uncompressed for the bytes-on-disk reference, side by side.
 */
export async function prepareEx8(ctx: RunContext): Promise<Ex8Prepared> {
  const runs = Array.from({ length: EX8_RULES.repeats }, (_, i) => ({
    student: `ex8-student-${ctx.runId}-${i}`,
    naive: `ex8-naive-${ctx.runId}-${i}`,
  }));
  const plainTopic = `ex8-plain-${ctx.runId}`;
  const created = [...runs.flatMap((r) => [r.student, r.naive]), plainTopic];
  const [setup] = await Promise.all([
    runRole(ctx, 'setup', { timeoutMs: EX8_RULES.roleTimeoutMs, phase: 'setup' }),
    createMeasureTopics(ctx.stack, created),
  ]);
  const lines = newsLines(ctx.seed, EX8_RULES.records);
  // Where the produce role can read it, sandboxed or not.
  const file = writeRecordsFile(lines, (name, content) => handOver(ctx.solution, name, 'file', content));
  try {
    const timed: { exits: Awaited<ReturnType<typeof runRole>>['exit'][]; naiveWallMs: number[] } = {
      exits: [],
      naiveWallMs: [],
    };
    for (const [i, r] of runs.entries()) {
      const run = await runRole(ctx, 'produce', {
        env: { KGRADE_TOPIC: r.student, KGRADE_RECORDS_FILE: file, KGRADE_COUNT: String(lines.length) },
        timeoutMs: EX8_RULES.roleTimeoutMs,
        phase: `produce ${i + 1}`,
      });
      timed.exits.push(run.exit);
      timed.naiveWallMs.push(await runNaiveBaseline(ctx.stack, r.naive, lines));
    }
    // Nothing is timed any more: the reads and the reference run go side by side.
    const [student, baseline] = await Promise.all([
      Promise.all(
        runs.map(async (r, i) => {
          const e = timed.exits[i]!;
          return toMeasure(r.student, await measureTopic(ctx.stack, r.student), e.durationMs, e.code, e.timedOut);
        }),
      ),
      Promise.all(
        runs.map(async (r, i) =>
          toMeasure(r.naive, await measureTopic(ctx.stack, r.naive), timed.naiveWallMs[i]!, 0, false),
        ),
      ),
      runPlainBatched(ctx.stack, plainTopic, lines),
    ]);
    return {
      setup,
      statedRetention: parseStatedRetention(setup.stdoutLines),
      expectedRecords: lines.length,
      student,
      baseline,
      plain: { topic: plainTopic, bytesOnDisk: await ctx.stack.topicBytes(plainTopic) },
      studentBytesOnDisk: await ctx.stack.topicBytes(student[0]!.topic),
      studentTopic: student[0]!.topic,
      dropMeasureTopics: () => deleteTopics(ctx.stack, created),
    };
  } finally {
    fs.rmSync(file, { force: true });
  }
}
