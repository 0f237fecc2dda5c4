import fs from 'node:fs';
import type { RunContext } from '../../engine/exercise.js';
import { EX8_RULES } from './contract.js';
import {
  createMeasureTopic,
  deleteTopics,
  measureTopic,
  newsLines,
  runNaiveBaseline,
  runPlainBatched,
  toMeasure,
  writeRecordsFile,
} from './measure.js';
import { parseStatedRetention, type Ex8Prepared, type ProduceMeasure } from './observations.js';
import { runRole } from '../../kit/solution/role.js';
import { handOver } from '../../runner/solution.js';

/**
 * Runs the setup role once, then the student's produce role and the grader's naive baseline alternately
 * (EX8_RULES.repeats times each) on fresh one-partition topics timed by the broker, then the same records
 * batched and uncompressed for the bytes-on-disk reference.
 */
export async function prepareEx8(ctx: RunContext): Promise<Ex8Prepared> {
  const setup = await runRole(ctx, 'setup', { timeoutMs: EX8_RULES.roleTimeoutMs, phase: 'setup' });
  const lines = newsLines(ctx.seed, EX8_RULES.records);
  // Where the produce role can read it, sandboxed or not.
  const file = writeRecordsFile(lines, (name, content) => handOver(ctx.solution, name, 'file', content));
  const created: string[] = [];
  const student: ProduceMeasure[] = [];
  const baseline: ProduceMeasure[] = [];
  try {
    for (let i = 0; i < EX8_RULES.repeats; i++) {
      const st = `ex8-student-${ctx.runId}-${i}`;
      await createMeasureTopic(ctx.stack, st);
      created.push(st);
      const run = await runRole(ctx, 'produce', {
        env: { KGRADE_TOPIC: st, KGRADE_RECORDS_FILE: file, KGRADE_COUNT: String(lines.length) },
        timeoutMs: EX8_RULES.roleTimeoutMs,
        phase: `produce ${i + 1}`,
      });
      student.push(
        toMeasure(st, await measureTopic(ctx.stack, st), run.exit.durationMs, run.exit.code, run.exit.timedOut),
      );
      const nb = `ex8-naive-${ctx.runId}-${i}`;
      await createMeasureTopic(ctx.stack, nb);
      created.push(nb);
      const wall = await runNaiveBaseline(ctx.stack, nb, lines);
      baseline.push(toMeasure(nb, await measureTopic(ctx.stack, nb), wall, 0, false));
    }
    const plainTopic = `ex8-plain-${ctx.runId}`;
    await createMeasureTopic(ctx.stack, plainTopic);
    created.push(plainTopic);
    await runPlainBatched(ctx.stack, plainTopic, lines);
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
