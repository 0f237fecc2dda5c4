import fs from 'node:fs';
import type { Command } from 'commander';
import { GraderError, UsageError } from '../core/errors.js';
import { portAnswers } from '../core/ports.js';
import { isAlive } from '../core/process-groups.js';
import { randomSeed } from '../core/rng.js';
import { delay } from '../core/wait-for.js';
import { cachePaths } from '../stack/cache-paths.js';
import { runStackCheck } from './diagnostics/stack-check.js';
import { doctor } from './diagnostics/doctor.js';
import { stackUpStateFile } from '../stack/running-stack.js';
import { KafkaStack } from '../stack/kafka-stack.js';
import { ALL_COMPONENTS, provision, stderrProgress } from '../stack/provision/provision.js';
import { componentsFor } from '../stack/services/all.js';
import { SERVICE_NAMES, type ProviderName, type ServiceName } from '../stack/stack-types.js';
import type { ImagesChoice } from '../stack/provider-choice.js';
import { parseCount, parseImages, parseProvider, parseSeed } from './options.js';
import { planStackFaults, playStackFaults, renderPlan } from './stack-faults.js';
import { stackLeftRunning, stopSignals } from './stop-signals.js';

export function parseServices(value: string | undefined): ServiceName[] {
  if (!value) return [];
  const names = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const n of names) {
    if (!(SERVICE_NAMES as readonly string[]).includes(n)) {
      throw new GraderError('BAD_USAGE', `unknown service '${n}' in --with`, {
        hint: `use a comma-separated list of: ${SERVICE_NAMES.join(', ')} (e.g. --with registry,connect)`,
      });
    }
  }
  return names as ServiceName[];
}

function parseBrokers(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 5)
    throw new GraderError('BAD_USAGE', `--brokers must be 1 to 5, got '${v}'`, { hint: 'e.g. --brokers 3' });
  return n;
}

const upStateFile = stackUpStateFile;

export function registerStackCommands(program: Command): void {
  const stack = program.command('stack').description('start, check and inspect the Kafka stack kgrade grades against');

  stack
    .command('provision')
    .description('install (once, cached) what the native stack needs: Kafka, Toxiproxy, and the services named')
    .option('--with <services>', 'also: registry, connect, postgres (comma-separated), or "all"')
    .action(async (opts: { with?: string }) => {
      const components =
        opts.with === 'all' ? ALL_COMPONENTS : componentsFor({ toxiproxy: true, services: parseServices(opts.with) });
      await provision(components, stderrProgress);
      stderrProgress(`ready: ${components.map((c) => c.name).join(', ')} (cache: ${cachePaths.root()})`);
    });

  stack
    .command('up')
    .description('start a stack and keep it running until Ctrl-C (classroom demos, debugging)')
    .option('--brokers <n>', 'number of brokers', parseBrokers, 1)
    .option('--with <services>', 'registry, connect, postgres (comma-separated)')
    .option('--no-toxiproxy', 'without Toxiproxy in front of the brokers')
    .option('--provider <name>', 'auto|native|docker', parseProvider, 'native' as ProviderName | 'auto')
    .option('--images <set>', 'for docker: auto|official|offline', parseImages, 'auto' as ImagesChoice)
    .option(
      '--faults <schedule>',
      'play a fault schedule once the stack is up: a shipped name (kgrade scenario list) or a .yaml file',
    )
    .option('--topic <name>', "with --faults: the topic whose partition's leader and followers the schedule acts on")
    .option('--partition <n>', 'with --faults: that partition', parseCount('--partition', 0, 'e.g. --partition 0'), 0)
    .option('--seed <n>', 'with --faults: replay the times of an earlier run', parseSeed)
    .action(
      async (opts: {
        brokers: number;
        with?: string;
        toxiproxy: boolean;
        provider: ProviderName | 'auto';
        images: ImagesChoice;
        faults?: string;
        topic?: string;
        partition: number;
        seed?: number;
      }) => {
        const services = parseServices(opts.with);
        const seed = opts.seed ?? randomSeed();
        // Checked against this stack before it starts: a schedule it cannot play is a usage error.
        const faults = opts.faults
          ? planStackFaults(opts.faults, {
              brokers: opts.brokers,
              toxiproxy: opts.toxiproxy,
              topic: opts.topic,
              partition: opts.partition,
              seed,
            })
          : undefined;
        if (!opts.faults && (opts.topic !== undefined || opts.seed !== undefined))
          throw new UsageError('--topic and --seed only go with --faults', 'add --faults <schedule>, or drop them');
        const s = await new KafkaStack()
          .withProvider(opts.provider)
          .withImages(opts.images)
          .withBrokers(opts.brokers)
          .withToxiproxy(opts.toxiproxy)
          .with(...services)
          .start();
        const state = {
          pid: process.pid,
          provider: s.provider,
          bootstrapServers: s.bootstrapServers,
          directBootstrapServers: s.directBootstrapServers,
          toxiproxyUrl: s.toxiproxyUrl,
          ...s.services,
          env: s.solutionEnv(),
        };
        fs.writeFileSync(upStateFile(), JSON.stringify(state, null, 2));
        process.stdout.write(
          `Kafka stack up (${s.provider}, ${s.brokers.length} broker(s), ready in ${(s.startMs / 1000).toFixed(1)} s)\n`,
        );
        for (const [k, v] of Object.entries(s.solutionEnv())) process.stdout.write(`  ${k}=${v}\n`);
        process.stdout.write(`  observer (direct, never faulted): ${s.directBootstrapServers}\n`);
        if (s.toxiproxyUrl) process.stdout.write(`  Toxiproxy API: ${s.toxiproxyUrl}\n`);
        const abort = new AbortController();
        let played: Promise<boolean> | undefined;
        if (faults) {
          const replay = [
            `kgrade stack up --brokers ${opts.brokers}`,
            ...(services.length ? [`--with ${services.join(',')}`] : []),
            ...(opts.toxiproxy ? [] : ['--no-toxiproxy']),
            `--faults ${opts.faults}`,
            ...(opts.topic ? [`--topic ${opts.topic} --partition ${opts.partition}`] : []),
            `--seed ${seed}`,
          ].join(' ');
          for (const line of renderPlan(faults, seed, replay)) process.stdout.write(`${line}\n`);
          const write = (line: string) => process.stdout.write(`${line}\n`);
          played = playStackFaults(s, faults, opts, abort.signal, write).then(
            () => true,
            (e: unknown) => {
              write(`Fault schedule stopped: ${(e as Error).message}`);
              return true;
            },
          );
        }
        process.stdout.write('Ctrl-C to stop.\n');
        let stopped = false;
        const left = () =>
          stackLeftRunning({
            provider: s.provider,
            brokerIds: s.brokers.map((b) => b.id),
            services: s.info().services,
            alivePids: s.processIds().filter(isAlive),
          });
        // Kept until the process exits: a second signal after the stop says nothing was left, it never kills silently.
        const signals = stopSignals({
          leftRunning: () => (stopped ? undefined : left().leftRunning),
          cleanUp: left().cleanUp,
        });
        await signals.requested;
        abort.abort();
        fs.rmSync(upStateFile(), { force: true });
        await s.stop();
        stopped = true;
        process.stdout.write('stack stopped\n');
        // A step still running (a heal waiting for its brokers) would hold the process until its own timeout.
        if (played && !(await Promise.race([played, delay(1000).then(() => false)]))) {
          process.stdout.write('(the fault step in progress was abandoned)\n');
          process.exit(0);
        }
      },
    );

  stack
    .command('status')
    .description('is a `kgrade stack up` running, and where')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      const file = upStateFile();
      let status: Record<string, unknown> = { running: false };
      if (fs.existsSync(file)) {
        const state = JSON.parse(fs.readFileSync(file, 'utf8')) as { pid: number; directBootstrapServers: string };
        let alive = true;
        try {
          process.kill(state.pid, 0);
        } catch {
          alive = false;
        }
        const brokersAnswer = alive
          ? await Promise.all(state.directBootstrapServers.split(',').map((a) => portAnswers(Number(a.split(':')[1]))))
          : [];
        status = {
          running: alive && brokersAnswer.every(Boolean),
          ...state,
          brokersAnswering: brokersAnswer.filter(Boolean).length,
        };
      }
      process.stdout.write(
        opts.json
          ? JSON.stringify(status, null, 2) + '\n'
          : status.running
            ? `running: ${JSON.stringify(status, null, 2)}\n`
            : 'no stack is running (start one with `kgrade stack up`)\n',
      );
    });

  stack
    .command('check')
    .description(
      'start a stack and prove every capability (proxies, latency, cut, reset, leader kill, pause, services) with real traffic',
    )
    .option('--provider <name>', 'auto|native|docker', parseProvider, 'native' as ProviderName | 'auto')
    .option('--images <set>', 'for docker: auto|official|offline', parseImages, 'auto' as ImagesChoice)
    .option('--brokers <n>', 'number of brokers', parseBrokers, 3)
    .option('--with <services>', 'registry, connect, postgres (comma-separated)')
    .option('--json', 'print one JSON object')
    .action(
      async (opts: {
        provider: ProviderName | 'auto';
        images: ImagesChoice;
        brokers: number;
        with?: string;
        json?: boolean;
      }) => {
        const builder = new KafkaStack()
          .withProvider(opts.provider)
          .withImages(opts.images)
          .withBrokers(opts.brokers)
          .withToxiproxy()
          .with(...parseServices(opts.with));
        const report = await runStackCheck(builder, (s) => {
          if (!opts.json)
            process.stdout.write(`${s.ok ? (s.skipped ? '-' : '✔') : '✘'} ${s.name} (${s.ms} ms): ${s.detail}\n`);
        });
        if (opts.json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
        else
          process.stdout.write(
            `${report.ok ? 'all capabilities hold' : 'SOME CAPABILITIES FAILED'}; stack started in ${report.startMs} ms\n`,
          );
        process.exitCode = report.ok ? 0 : 1;
      },
    );

  program
    .command('doctor')
    .description('which stack providers can run here, and why not')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      const r = await doctor();
      process.exitCode = r.canRun ? 0 : 2;
      if (opts.json) {
        process.stdout.write(JSON.stringify(r, null, 2) + '\n');
        return;
      }
      const fix = (f?: string) => (f ? `  -> ${f}` : '');
      for (const t of r.tools)
        process.stdout.write(
          `${t.found ? '✔' : '✘'} ${t.name.padEnd(11)} ${t.version ?? 'not found'}  (${t.neededFor})\n`,
        );
      for (const a of r.artifacts)
        process.stdout.write(
          `${a.ready ? '✔' : '·'} ${a.description}${a.ready ? '' : ' - not provisioned yet (provisioned on first use)'}${fix(a.fix)}\n`,
        );
      process.stdout.write(`docker engine: ${r.dockerEngine.detail}${fix(r.dockerEngine.fix)}\n`);
      for (const i of r.images)
        process.stdout.write(
          `  image ${i.role.padEnd(9)} offline ${i.offlinePresent ? `${i.offline} (built)` : i.offline}${fix(i.fix)}\n`,
        );
      for (const p of r.providers)
        process.stdout.write(`provider ${p.name}: ${p.usable ? 'usable' : 'not usable'} - ${p.why}${fix(p.fix)}\n`);
      for (const a of r.auto)
        process.stdout.write(
          `--stack auto for ${a.exercise}: ${a.choice.provider}${a.choice.images ? ` (${a.choice.images} images)` : ''} - ${a.choice.reason}\n`,
        );
      process.stdout.write(`isolation: ${r.isolation.summary}${fix(r.isolation.native.fix)}\n`);
      process.stdout.write(`builds: ${r.buildNetwork.summary}${fix(r.buildNetwork.fix)}\n`);
      for (const e of r.errors) process.stdout.write(`could not inspect ${e}\n`);
      if (!r.canRun) process.stdout.write('no provider can run a stack here: apply one of the fixes above\n');
    });
}
