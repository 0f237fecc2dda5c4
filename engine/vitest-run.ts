import path from 'node:path';
import { startVitest } from 'vitest/node';
import { GraderError } from '../core/errors.js';
import { PACKAGE_ROOT, type GradeConfig } from './grade-config.js';
import { GradeReporter } from './grade-reporter.js';

/**
 * Runs suite files under Vitest in one long-lived worker (so they share one stack), with the
 * kgrade reporter only. Vitest's own console output stays quiet; results come back to the caller.
 */
export async function runSuites(files: string[], config: GradeConfig, reporter = new GradeReporter()): Promise<GradeReporter> {
  const abs = files.map((f) => path.resolve(PACKAGE_ROOT, f));
  process.env.KGRADE_TEST_PROVIDER = config.provider;
  if (config.images) process.env.KGRADE_TEST_IMAGES = config.images;
  const vitest = await startVitest(
    'test',
    abs,
    {
      config: false,
      root: PACKAGE_ROOT,
      watch: false,
      include: abs.map((f) => path.relative(PACKAGE_ROOT, f)),
      reporters: [reporter],
      pool: 'forks',
      poolOptions: { forks: { singleFork: true } },
      isolate: false,
      fileParallelism: false,
      testTimeout: 5 * 60_000,
      hookTimeout: 15 * 60_000,
      provide: { kgrade: config },
      passWithNoTests: false,
    },
    { logLevel: 'silent' },
  ).catch((e: unknown) => {
    throw new GraderError('INTERNAL', `the grading run could not start: ${(e as Error).message}`, { hint: 'reinstall kafka-grader (npm ci) and try again', cause: e });
  });
  await vitest.close();
  return reporter;
}
