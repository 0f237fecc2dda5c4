import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { benchLoad, type BenchResult } from '../bench/load-bench.js';
import { GraderError } from '../core/errors.js';
import { randomSeed } from '../core/rng.js';
import { parseCount, parseImages, parseProvider } from './options.js';
import type { ImagesChoice } from '../stack/provider-choice.js';
import type { ProviderName } from '../stack/stack-types.js';
import { DEFAULT_DRIVER, DRIVERS } from '../loadgen/drivers/index.js';
import { renderBenchHtml } from '../bench/report-html.js';
import { listNames, loadProfile, loadShape, PROFILES_DIR, withOverrides, WORKLOADS_DIR } from '../loadgen/workload.js';

const positiveInt = (name: string) => parseCount(name, 1, `e.g. ${name} 3`);
const positiveNum = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0)
    throw new GraderError('BAD_USAGE', `${name} must be a number >= 0, got '${v}'`, { hint: `e.g. ${name} 5` });
  return n;
};
const list = (v: string) =>
  v
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

interface LoadBenchOpts {
  profile: string[];
  driver: string[];
  vs?: string;
  records?: number;
  duration?: number;
  warmup?: number;
  rate?: string;
  size?: number;
  repeat: number;
  histogramOverhead?: boolean;
  e2e?: boolean;
  bootstrap?: string;
  stack: ProviderName | 'auto';
  images: ImagesChoice;
  seed?: number;
  json?: boolean;
  html?: string;
}

/** Adds `kgrade bench <workload>` (loadgen runs, optionally side by side with kafka-producer-perf-test). */
export function registerLoadBench(bench: Command): void {
  // Options after a subcommand belong to it (`bench stack-start --json`), not to the `bench` group itself.
  bench.parent?.enablePositionalOptions();
  bench.enablePositionalOptions();
  bench
    .argument('[workload]', `workload shape: ${listNames(WORKLOADS_DIR).join(', ')} (or a YAML file)`)
    .option('--profile <names>', `client profile(s), comma-separated: ${listNames(PROFILES_DIR).join(', ')}`, list, [
      'acks1',
    ])
    .option('--driver <names>', `driver(s), comma-separated: ${DRIVERS.map((d) => d.name).join(', ')}`, list, [
      DEFAULT_DRIVER,
    ])
    .option('--vs <tool>', 'also run this tool with the same record size, count, acks and batching (perf-test)')
    .option('--records <n>', "records per run (overrides the workload's maxRecords)", positiveInt('--records'))
    .option('--duration <s>', 'measured seconds (overrides the workload)', positiveNum('--duration'))
    .option(
      '--warmup <s>',
      "warm-up seconds (default: the workload's; 0 with --vs perf-test, which has none)",
      positiveNum('--warmup'),
    )
    .option('--rate <n|max>', 'records per second (open loop) or max')
    .option(
      '--size <bytes>',
      "random-letter records of this size instead of the workload's payload",
      positiveInt('--size'),
    )
    .option('--repeat <n>', 'runs per case (medians are reported)', positiveInt('--repeat'), 1)
    .option('--histogram-overhead', 'also run each case with histogram recording off and report the cost')
    .option(
      '--e2e',
      'measure end-to-end latency with a consumer (default: as the workload says; off with --vs perf-test)',
    )
    .option('--bootstrap <servers>', 'use this broker instead of starting one')
    .option(
      '--stack <provider>',
      'auto|native|docker: which provider starts the broker (printed with the figures)',
      parseProvider,
      'auto' as ProviderName | 'auto',
    )
    .option('--images <set>', 'for docker: auto|official|offline', parseImages, 'auto' as ImagesChoice)
    .option('--seed <n>', 'data seed', positiveInt('--seed'))
    .option('--json', 'print the result as JSON on stdout')
    .option('--html <file>', 'write the HTML report here (default kgrade-out/bench-<workload>.html)')
    .action(async (workload: string | undefined, opts: LoadBenchOpts) => {
      if (!workload) {
        bench.help();
        return;
      }
      if (needsLoadgenHeap(process.execArgv, process.env.NODE_OPTIONS)) {
        // The generator keeps up to buffer.memory of records queued (as Java does); in V8's default 16 MB young
        // generation they are all promoted and old-generation GC took a third of the CPU at 100 B records.
        // Sized like perf-test's JVM heap is sized: the same command in a Node with a 64 MB young generation.
        const r = spawnSync(
          process.execPath,
          [...process.execArgv, `--max-semi-space-size=${LOADGEN_SEMI_SPACE_MB}`, ...process.argv.slice(1)],
          { stdio: 'inherit' },
        );
        process.exitCode = r.status ?? 1;
        return;
      }
      if (opts.vs && opts.vs !== 'perf-test')
        throw new GraderError('BAD_USAGE', `--vs knows perf-test only, got '${opts.vs}'`, { hint: '--vs perf-test' });
      const vsPerfTest = opts.vs === 'perf-test';
      const rate =
        opts.rate === undefined ? undefined : opts.rate === 'max' ? ('max' as const) : positiveNum('--rate')(opts.rate);
      const shape = withOverrides(loadShape(workload), {
        records: opts.records,
        durationSec: opts.duration,
        warmupSec: opts.warmup ?? (vsPerfTest ? 0 : undefined),
        rate,
        sizeBytes: opts.size,
        endToEnd: opts.e2e ? true : vsPerfTest ? false : undefined,
      });
      const profiles = opts.profile.map(loadProfile);
      const seed = opts.seed ?? randomSeed();
      const log = (line: string) => process.stderr.write(`${line}\n`);
      log(
        `kgrade bench ${shape.name}: profiles ${profiles.map((p) => p.name).join(', ')}; drivers ${opts.driver.join(', ')}${vsPerfTest ? '; vs kafka-producer-perf-test' : ''}; seed ${seed}`,
      );
      const result = await benchLoad({
        shape,
        profiles,
        drivers: opts.driver,
        vsPerfTest,
        histogramOverhead: !!opts.histogramOverhead,
        repeat: opts.repeat,
        seed,
        bootstrapServers: opts.bootstrap,
        provider: opts.stack,
        images: opts.images,
        log,
      });
      const htmlFile = opts.html ?? path.join('kgrade-out', `bench-${shape.name}.html`);
      fs.mkdirSync(path.dirname(path.resolve(htmlFile)), { recursive: true });
      fs.writeFileSync(htmlFile, renderBenchHtml(result));
      log(`HTML report: ${htmlFile}`);
      if (opts.json) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
      else process.stdout.write(formatBenchText(result));
    });
}

export const LOADGEN_SEMI_SPACE_MB = 64;

/** True when this Node was started without a young-generation size (then the bench re-runs itself with one). Pure. */
export function needsLoadgenHeap(execArgv: readonly string[], nodeOptions: string | undefined): boolean {
  return ![...execArgv, ...(nodeOptions ?? '').split(/\s+/)].some((a) =>
    /^--max[-_]semi[-_]space[-_]size(=|$)/.test(a),
  );
}

const f = (v: number | null | undefined) => (v == null ? '-' : String(v));

/** Console table: one line per case, ours then perf-test, and the ratio. */
export function formatBenchText(r: BenchResult): string {
  const lines = [
    `${r.workload.name} on the ${r.provider ?? 'unknown'} provider (load average ${r.environment.loadAverage1m} on ${r.environment.cpus} CPUs at start: figures are noisy when it is high)`,
  ];
  lines.push(
    `${'driver'.padEnd(13)}${'profile'.padEnd(16)}${'rec/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'e2e p99'.padStart(9)} | ${'perf-test rec/s'.padStart(15)}${'p50 ms'.padStart(8)}${'p99 ms'.padStart(8)} | ${'ratio'.padStart(6)} | hist. cost`,
  );
  for (const c of r.cases) {
    lines.push(
      `${c.driver.padEnd(13)}${c.profile.padEnd(16)}${f(c.ours.medianThroughputMsgPerSec).padStart(9)}${f(c.ours.medianP50PublishLatencyMs).padStart(9)}${f(c.ours.medianP99PublishLatencyMs).padStart(9)}${f(c.ours.medianP99EndToEndLatencyMs).padStart(9)} | ${f(c.perfTest?.medianThroughputMsgPerSec).padStart(15)}${f(c.perfTest?.medianP50LatencyMs).padStart(8)}${f(c.perfTest?.medianP99LatencyMs).padStart(8)} | ${f(c.throughputRatioOursOverPerfTest).padStart(6)} | ${c.histogramsOff ? `${c.histogramsOff.histogramOverheadPct} %` : '-'}`,
    );
  }
  for (const n of r.notes) lines.push(`  - ${n}`);
  return lines.join('\n') + '\n';
}
