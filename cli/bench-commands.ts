import type { Command } from 'commander';
import { benchStackStart } from '../bench/stack-start.js';
import { parseCount, parseProvider } from './options.js';
import { parsePositiveInt } from './cohort-command.js';

export function registerBenchCommands(program: Command): void {
  const bench = program
    .command('bench')
    .description('benchmarks that print figures measured in one run on this machine (never used as test assertions)');
  bench
    .command('stack-start')
    .description(
      'cold start time of 1 broker and of 3 brokers + Toxiproxy (provisioning excluded), median of several runs, and broker RSS',
    )
    .option('--runs <n>', 'runs per topology', parseCount('--runs', 1, 'e.g. --runs 5'), 5)
    .option('--json', 'print JSON')
    .option('--providers <list>', 'native,docker (docker uses the offline images)', 'native')
    .action(async (opts: { runs: number; json?: boolean; providers: string }) => {
      const figures = [];
      for (const provider of opts.providers.split(',') as ('native' | 'docker')[]) {
        figures.push(
          await benchStackStart(1, false, opts.runs, provider),
          await benchStackStart(1, true, opts.runs, provider),
          await benchStackStart(3, true, opts.runs, provider),
        );
      }
      if (opts.json)
        process.stdout.write(JSON.stringify({ schemaVersion: 1, bench: 'stack-start', figures }, null, 2) + '\n');
      else
        for (const f of figures)
          process.stdout.write(
            `${f.topology.padEnd(28)} median ready ${(f.medianStartMs / 1000).toFixed(2)} s over ${f.runs} runs [${f.startMs.join(', ')} ms]; broker RSS median ${f.medianBrokerRssMiB} MiB\n`,
          );
    });
  bench
    .command('course')
    .description(
      "a whole course on this machine: one student's every live exercise in one run (TypeScript references, as `kgrade grade --all`), each beside its floor; then N students x every live exercise as the cohort bench (sequential, --parallel auto, verdicts compared, projection on shards)",
    )
    .option(
      '--students <n>',
      'students of the class part (0: only the one-student course)',
      parseCount('--students', 0, 'e.g. --students 30 (the class), or 0 for one student only'),
      2,
    )
    .option('--exercises <list>', 'exercises, comma-separated (default: every exercise whose stack runs here)')
    .option('--parallel <n>', 'sessions of the parallel run (default: auto)', (v) => Number(v))
    .option(
      '--course-at-once <list>',
      "one student's course once per value: exercises graded at once, e.g. 1,2 (default: as `kgrade grade --all` here)",
      (v) => v.split(',').map((x) => parsePositiveInt(x.trim())),
    )
    .option('--stack <provider>', 'native|docker', parseProvider, 'native')
    .option('--json', 'print JSON')
    .action(
      async (opts: {
        students: number;
        courseAtOnce?: number[];
        exercises?: string;
        parallel?: number;
        stack: 'native' | 'docker';
        json?: boolean;
      }) => {
        const { benchCourse, renderCourseBench } = await import('../bench/course-bench.js');
        const figures = await benchCourse(
          {
            students: opts.students,
            provider: opts.stack,
            ...(opts.exercises
              ? {
                  exercises: opts.exercises
                    .split(',')
                    .map((e) => e.trim())
                    .filter(Boolean),
                }
              : {}),
            ...(opts.parallel ? { parallel: opts.parallel } : {}),
            ...(opts.courseAtOnce ? { atOnce: opts.courseAtOnce } : {}),
            oneStudentOnly: opts.students === 0,
          },
          (l) => process.stderr.write(`kgrade bench course: ${l}\n`),
        );
        if (opts.json)
          process.stdout.write(JSON.stringify({ schemaVersion: 1, bench: 'course', figures }, null, 2) + '\n');
        else process.stdout.write(renderCourseBench(figures));
        process.exitCode = figures.class?.exercises.some((f) => f.disagreements.length) ? 1 : 0;
      },
    );
  bench
    .command('cohort')
    .description(
      "a generated roster (references and mutants, TS and Java, a column per exercise) graded by one cohort run over the exercises, sequentially then with --parallel auto: wall times, ratio, verdicts compared, each exercise's share, projection for 30 students and n shards",
    )
    .option(
      '--students <n>',
      'students, each graded on every exercise (the full class of 30 takes an hour here: bench a few and read the projection)',
      parseCount('--students', 1, 'e.g. --students 4'),
      4,
    )
    .option('--exercises <list>', 'exercises, comma-separated', 'ex1,ex2,ex3')
    .option('--parallel <n>', 'sessions of the parallel run (default: auto)', (v) => Number(v))
    .option('--stack <provider>', 'native|docker', parseProvider, 'native')
    .option('--json', 'print JSON')
    .action(
      async (opts: {
        students: number;
        exercises: string;
        parallel?: number;
        stack: 'native' | 'docker';
        json?: boolean;
      }) => {
        const { benchCohort, renderCohortBench } = await import('../bench/cohort-bench.js');
        const figures = await benchCohort(
          {
            exercises: opts.exercises
              .split(',')
              .map((e) => e.trim())
              .filter(Boolean),
            students: opts.students,
            ...(opts.parallel ? { parallel: opts.parallel } : {}),
            provider: opts.stack,
          },
          (l) => process.stderr.write(`kgrade bench cohort: ${l}\n`),
        );
        if (opts.json)
          process.stdout.write(JSON.stringify({ schemaVersion: 1, bench: 'cohort', figures }, null, 2) + '\n');
        else process.stdout.write(renderCohortBench(figures));
        process.exitCode = figures.exercises.some((f) => f.disagreements.length) ? 1 : 0;
      },
    );
}
