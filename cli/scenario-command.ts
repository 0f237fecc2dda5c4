/**
 * `kgrade scenario`: the fault schedules and workload shapes of scenarios/, as files a trainer reads and writes.
 *   list               what ships, one line each
 *   check <file...>    a file validated as a grading would read it (every problem at once)
 *   run <schedule>     a student's ex9 producer under a schedule: the faults, what the producer was told,
 *                      what the brokers hold
 */
import path from 'node:path';
import type { Command } from 'commander';
import { GraderError } from '../core/errors.js';
import { randomSeed } from '../core/rng.js';
import { readYamlFile } from '../core/yaml-file.js';
import { fixtureSource } from '../selftest/fixture-materialize.js';
import { sandboxRefusal } from '../selftest/fixture-expectations.js';
import { folderToBuild } from '../engine/solution-source.js';
import { gradeExercise } from '../engine/grade-pipeline.js';
import { replayCommand } from '../engine/replay-command.js';
import {
  FAULTS_DIR,
  loadShippedSchedules,
  resolveFaultSchedule,
  validateFaultSchedule,
} from '../kit/faults/fault-schedule-file.js';
import type { ExperimentData } from '../graders/ex9/scenario-experiment.js';
import { listNames, loadShape, validateShape, WORKLOADS_DIR } from '../loadgen/workload.js';
import type { Lang } from '../model/verdict.js';
import { formatDuration } from '../reports/format.js';
import type { ImagesChoice } from '../stack/provider-choice.js';
import type { ProviderName } from '../stack/stack-types.js';
import { StackPool } from '../stack/stack-pool.js';
import { parseImages, parseLang, parseProvider, parseSeed } from './options.js';
import { checkSolution } from './usage-checks.js';

/** One file: a fault schedule (it has steps) or a workload shape; returns a one-line description or throws. */
export function checkScenarioFile(file: string): string {
  const doc = readYamlFile(
    file,
    'scenario file',
    `pass a scenario file, e.g. ${path.join(path.relative(process.cwd(), FAULTS_DIR), 'leader-kill.yaml')}`,
  );
  if (doc && typeof doc === 'object' && 'steps' in doc) {
    const s = validateFaultSchedule(doc, file);
    return `fault schedule '${s.name}': ${s.steps.length} step${s.steps.length > 1 ? 's' : ''}${s.start ? `, starting ${s.start.atMs}-${s.start.atMs + s.start.jitterMs} ms in (drawn from the seed)` : ''}`;
  }
  const w = validateShape(doc, file);
  return `workload '${w.name}': ${w.topics} topic(s) x ${w.partitionsPerTopic} partition(s), ${w.rateMsgPerSec === 'max' ? 'as fast as the client takes them' : `${w.rateMsgPerSec} records/s`} for ${w.durationSec} s`;
}

function target(brokers: number[]): string {
  return brokers.length ? `broker${brokers.length > 1 ? 's' : ''} ${brokers.join(', ')}` : '';
}

/** The experiment's console text (pure). */
export function renderExperiment(
  d: ExperimentData,
  opts: { lang: Lang; seed: number; replay: string; score: 'pass' | 'fail' | 'other'; summary: string },
): string {
  const fr = opts.lang === 'fr';
  const lines = [`${fr ? 'Scénario' : 'Scenario'} ${d.scenario}: ${d.description}`, ''];
  lines.push(fr ? 'Ce qui a été fait (depuis le premier envoi) :' : 'What was done (from the first send):');
  if (!d.timeline.length)
    lines.push(fr ? "  rien : le producteur n'a rien envoyé" : '  nothing: the producer sent nothing');
  for (const t of d.timeline)
    lines.push(
      `  +${formatDuration(t.atMs, opts.lang).padStart(8)}  ${t.action.padEnd(18)} ${target(t.brokers)}${t.detail ? `  (${t.detail})` : ''}`,
    );
  const w = d.writes;
  lines.push('', fr ? 'Ce que le producteur a appris :' : 'What the producer was told:');
  lines.push(
    `  ${w.acked} ${fr ? 'confirmés' : 'acknowledged'}, ${w.failed} ${fr ? 'en échec' : 'failed'}, ${w.unknown} ${fr ? 'sans réponse' : 'without an outcome'}; ${fr ? 'code de sortie' : 'exit code'} ${d.exit.code ?? d.exit.signal ?? '?'}`,
  );
  lines.push('', fr ? 'Ce que les brokers gardent :' : 'What the brokers hold:');
  lines.push(
    `  ${d.held} ${fr ? 'enregistrements' : 'records'}; ${d.lostCount} ${fr ? 'confirmés perdus' : 'acknowledged lost'}${d.lost.length ? ` (${d.lost.join(', ')}${d.lostCount > d.lost.length ? ', ...' : ''})` : ''}; ${d.duplicateCount} ${fr ? 'en double' : 'duplicated'}${d.duplicates.length ? ` (${d.duplicates.join(', ')}${d.duplicateCount > d.duplicates.length ? ', ...' : ''})` : ''}; ${d.reorderedCount} ${fr ? 'réordonnés' : 'reordered'}`,
  );
  if (w.unknown)
    lines.push(
      `  ${fr ? 'sans réponse' : 'without an outcome'}: ${d.unknownPresent} ${fr ? 'écrits quand même' : 'written anyway'}, ${d.unknownMissing} ${fr ? 'absents' : 'absent'}`,
    );
  if (d.presentThoughFailedCount)
    lines.push(
      `  ${d.presentThoughFailedCount} ${fr ? 'annoncés en échec mais écrits' : 'reported failed yet written'}`,
    );
  lines.push(
    '',
    `${opts.score === 'pass' ? '✔' : '✘'} ${opts.summary}`,
    '',
    `${fr ? 'Rejouer' : 'Replay'}: ${opts.replay}`,
    '',
  );
  return lines.join('\n');
}

export function registerScenarioCommand(program: Command): void {
  const scenario = program
    .command('scenario')
    .description(
      "fault schedules and workload shapes (scenarios/): list them, check a file, run a student's producer under a schedule",
    );

  scenario
    .command('list')
    .description('the fault schedules and workload shapes kgrade ships')
    .action(() => {
      const faults = loadShippedSchedules();
      process.stdout.write(`Fault schedules (${path.relative(process.cwd(), FAULTS_DIR) || FAULTS_DIR}):\n`);
      for (const s of Object.values(faults))
        process.stdout.write(
          `  ${s.name.padEnd(24)} ${s.needsBrokerControl ? 'brokers ' : 'proxies '} ${s.description}\n`,
        );
      process.stdout.write(`Workload shapes (${path.relative(process.cwd(), WORKLOADS_DIR) || WORKLOADS_DIR}):\n`);
      for (const n of listNames(WORKLOADS_DIR)) process.stdout.write(`  ${n.padEnd(24)} ${loadShape(n).description}\n`);
    });

  scenario
    .command('check')
    .description(
      'validate scenario files (fault schedules, workload shapes) as a grading reads them; exit 2 when one is invalid',
    )
    .argument('<files...>', 'YAML files')
    .action((files: string[]) => {
      let bad = 0;
      for (const f of files) {
        try {
          process.stdout.write(`ok  ${f}: ${checkScenarioFile(f)}\n`);
        } catch (e) {
          if (!(e instanceof GraderError)) throw e;
          bad++;
          process.stdout.write(`bad ${f}: ${e.message}\n    ${e.hint ?? ''}\n`);
        }
      }
      process.exitCode = bad ? 2 : 0;
    });

  scenario
    .command('run')
    .description(
      "run a solution's ex9 producer (its produce role) under a fault schedule, on 3 brokers behind Toxiproxy, and show what happened: the faults and when, what the producer was told, what the brokers hold",
    )
    .argument('<schedule>', 'a fault schedule: a shipped name (kgrade scenario list) or a .yaml file')
    .option('--solution <dir>', 'the solution folder (an ex9 solution: its produce role)', '.')
    .option('--seed <n>', 'replay the times and data of an earlier run', parseSeed)
    .option('--lang <fr|en>', 'language', parseLang, 'fr' as Lang)
    .option('--stack <provider>', 'auto|native|docker', parseProvider, 'auto' as ProviderName | 'auto')
    .option('--images <set>', 'for docker: auto|official|offline', parseImages, 'auto' as ImagesChoice)
    .option('--json', 'print the observations as JSON')
    .action(
      async (
        name: string,
        opts: {
          solution: string;
          seed?: number;
          lang: Lang;
          stack: ProviderName | 'auto';
          images: ImagesChoice;
          json?: boolean;
        },
      ) => {
        const schedule = resolveFaultSchedule(name);
        const dir = path.resolve(opts.solution);
        // A fixture folder (a mutant's patch on its base) is checked as the solution it stands for.
        const solution = fixtureSource({ dir });
        checkSolution(await folderToBuild(solution), ['ex9'], opts.lang, opts.solution);
        // The experiment runs the program as the user, unsandboxed: never an adversarial fixture.
        const refusal = sandboxRefusal(solution, false, 'scenario run', opts.solution);
        if (refusal) throw refusal;
        const { ex9UnderSchedule } = await import('../graders/ex9/scenario-experiment.js');
        const exercise = ex9UnderSchedule(schedule);
        const seed = opts.seed ?? randomSeed();
        const replay = replayCommand({ exerciseId: 'ex9', solution: dir, git: false, seed, sandbox: false }).replace(
          /^kgrade grade ex9/,
          `kgrade scenario run ${name}`,
        );
        const pool = StackPool.of({ provider: opts.stack, images: opts.images });
        try {
          process.stderr.write(
            `kgrade: ${schedule.name} on ${opts.solution}'s produce role (3 brokers, Toxiproxy; seed ${seed})...\n`,
          );
          const result = await gradeExercise(
            {
              exercise,
              source: { ...solution, replayAs: replay },
              seed,
              sandbox: false,
              ...(opts.stack !== 'auto' ? { provider: opts.stack } : {}),
            },
            pool,
            { exclusive: true },
          );
          const v = result.verdicts[0];
          const data = v?.evidence.data as ExperimentData | undefined;
          if (opts.json)
            process.stdout.write(
              `${JSON.stringify({ schemaVersion: 1, scenario: schedule.name, seed, outcome: result.outcome, status: v?.status, summary: v?.evidence.summary, observations: data ?? null }, null, 2)}\n`,
            );
          else if (data && v && (v.status === 'pass' || v.status === 'fail'))
            process.stdout.write(
              renderExperiment(data, {
                lang: opts.lang,
                seed,
                replay,
                score: v.status,
                summary: v.evidence.summary[opts.lang],
              }),
            );
          else
            process.stdout.write(
              `${v?.evidence.summary[opts.lang] ?? result.outcome}\n${v?.hint?.[opts.lang] ?? ''}\n${opts.lang === 'fr' ? 'Rejouer' : 'Replay'}: ${replay}\n`,
            );
          process.exitCode = result.outcome === 'not-gradable' ? 2 : v?.status === 'pass' ? 0 : 1;
        } finally {
          await pool.close();
        }
      },
    );
}
