import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { median } from './stack-start.js';
import { KafkaStack } from '../stack/kafka-stack.js';
import { VERSIONS } from '../stack/versions.js';
import type { ImagesChoice } from '../stack/provider-choice.js';
import type { ProviderName } from '../stack/stack-types.js';
import { driverByName } from '../loadgen/drivers/index.js';
import { runPerfTest, type PerfTestResult } from '../loadgen/perf-test.js';
import { environmentInfo, usToMs, type EnvironmentInfo, type LoadRunResult } from '../loadgen/result.js';
import { createTopicsReady, runWorkload } from '../loadgen/run.js';
import type { ClientProfile, WorkloadShape } from '../loadgen/workload.js';

export const BENCH_SCHEMA_VERSION = 1;

export interface BenchCase {
  driver: string;
  profile: string;
  ours: {
    runs: LoadRunResult[];
    medianThroughputMsgPerSec: number;
    medianThroughputMiBPerSec: number;
    medianP50PublishLatencyMs: number | null;
    medianP99PublishLatencyMs: number | null;
    medianP999PublishLatencyMs: number | null;
    medianP99EndToEndLatencyMs: number | null;
  };
  /** Same shape and profile with histogram recording off: what recording costs. */
  histogramsOff?: { throughputMsgPerSec: number[]; medianThroughputMsgPerSec: number; histogramOverheadPct: number };
  perfTest?: {
    command: string;
    runs: PerfTestResult[];
    medianThroughputMsgPerSec: number;
    medianP50LatencyMs: number;
    medianP99LatencyMs: number;
    medianP999LatencyMs: number;
  };
  /** ours / perf-test, medians of runs taken alternately in the same run on the same broker. */
  throughputRatioOursOverPerfTest?: number;
}

export interface BenchResult {
  schemaVersion: typeof BENCH_SCHEMA_VERSION;
  kind: 'loadgen-bench';
  startedAt: string;
  workload: WorkloadShape;
  profiles: ClientProfile[];
  repeat: number;
  /** Which provider ran the broker ('external' for --bootstrap): docker adds a proxy hop for both tools alike. */
  provider: ProviderName;
  environment: EnvironmentInfo;
  notes: string[];
  cases: BenchCase[];
}

export interface BenchOptions {
  shape: WorkloadShape;
  profiles: ClientProfile[];
  drivers: string[];
  vsPerfTest: boolean;
  histogramOverhead: boolean;
  repeat: number;
  seed: number;
  /** Use this broker instead of starting one. */
  bootstrapServers?: string;
  /** Which provider starts the broker (ignored with bootstrapServers). */
  provider?: ProviderName | 'auto';
  images?: ImagesChoice;
  log: (line: string) => void;
}

const med = (xs: number[]) => (xs.length ? median(xs.map((x) => Math.round(x * 1000))) / 1000 : 0);
const medOrNull = (xs: (number | null)[]) => {
  const v = xs.filter((x): x is number => x !== null);
  return v.length ? med(v) : null;
};

function recordSizeOf(shape: WorkloadShape, runs: LoadRunResult[]): number {
  if (shape.payload.kind === 'random-bytes') return shape.payload.sizeBytes;
  const r = runs[0]?.measured;
  return r?.records ? Math.round(r.bytes / r.records) : 700;
}

/**
 * How many records perf-test sends: as many as our run sent. A run ended by its duration before the shape's cap
 * (the naive profile: one record per request) gave perf-test the whole cap, 200 000 one-record requests, minutes
 * where ours took 10 s. Pure.
 */
export function perfTestRecords(shape: WorkloadShape, ours: LoadRunResult): number {
  const sent = ours.measured.records + ours.measured.warmupRecords + ours.measured.failedRecords;
  return Math.max(1, Math.min(shape.maxRecords ?? Number.POSITIVE_INFINITY, sent));
}

/**
 * The unmeasured priming run: 2 s at the shape's own rate. At full speed it is not cut at a few thousand records:
 * 5000 records (a twentieth of a second) left the first measured run to pay for the JIT and heap growth, which
 * put kgrade at 0.66-0.77x of kafka-producer-perf-test in the first of two alternating runs and 1.0-1.5x in the
 * second. Pure.
 */
export function primingShape(shape: WorkloadShape): WorkloadShape {
  return {
    ...shape,
    warmupSec: 0,
    durationSec: 2,
    maxRecords: shape.rateMsgPerSec === 'max' ? undefined : Math.min(shape.maxRecords ?? 5000, 5000),
    endToEnd: false,
  };
}

/** Runs every driver x profile (x perf-test) alternately, `repeat` times, on one broker; medians per case. */
export async function benchLoad(o: BenchOptions): Promise<BenchResult> {
  // A codec a driver cannot write here is said before any broker starts, not after the first cases ran.
  for (const d of o.drivers) for (const p of o.profiles) await driverByName(d).checkCodec(p.compression);
  const stack = o.bootstrapServers
    ? undefined
    : await new KafkaStack()
        .withBrokers(1)
        .withProvider(o.provider ?? 'auto')
        .withImages(o.images ?? 'auto')
        .start();
  const provider: ProviderName = stack?.provider ?? 'external';
  o.log(`broker: ${provider} provider`);
  const bootstrap = o.bootstrapServers ?? stack!.bootstrapServers;
  const observer = o.bootstrapServers ?? stack!.directBootstrapServers;
  const environment = environmentInfo(VERSIONS.kafka);
  const startedAt = new Date().toISOString();
  const cases: BenchCase[] = [];
  try {
    // One unmeasured run per driver first: the broker's and Node's JIT warm-up is not charged to any case.
    for (const d of o.drivers) {
      o.log(`priming with ${d} (not measured)`);
      await runWorkload({
        shape: primingShape(o.shape),
        profile: o.profiles[0]!,
        driver: driverByName(d),
        bootstrapServers: bootstrap,
        observerBootstrapServers: observer,
        seed: o.seed,
        runId: `prime${randomBytes(2).toString('hex')}`,
      });
    }
    for (const profile of o.profiles) {
      const runs = new Map<string, LoadRunResult[]>(o.drivers.map((d) => [d, []]));
      const off = new Map<string, number[]>(o.drivers.map((d) => [d, []]));
      const perf: (PerfTestResult & { command: string })[] = [];
      // Alternate: each repetition runs every driver, then perf-test, so slow drifts of the machine hit all alike.
      for (let i = 0; i < o.repeat; i++) {
        for (const driverName of o.drivers) {
          const driver = driverByName(driverName);
          const runId = randomBytes(3).toString('hex');
          const measure = async (histograms: boolean) => {
            o.log(`[${profile.name}] run ${i + 1}/${o.repeat}: ${driverName}${histograms ? '' : ', histograms off'}`);
            const r = await runWorkload({
              shape: o.shape,
              profile,
              driver,
              bootstrapServers: bootstrap,
              observerBootstrapServers: observer,
              seed: o.seed + i,
              runId: `${runId}${histograms ? '' : 'n'}`,
              kafkaVersion: VERSIONS.kafka,
              histograms,
            });
            o.log(
              `    ${r.measured.throughputMsgPerSec} msg/s${histograms ? `, p99 ${usToMs(r.publishLatency?.p99Us)} ms` : ''}`,
            );
            if (histograms) runs.get(driverName)!.push(r);
            else off.get(driverName)!.push(r.measured.throughputMsgPerSec);
          };
          // With --histogram-overhead, on and off take turns going first, so warming up favours neither.
          const order = o.histogramOverhead ? (i % 2 === 0 ? [true, false] : [false, true]) : [true];
          for (const h of order) await measure(h);
        }
        if (o.vsPerfTest) {
          o.log(`[${profile.name}] run ${i + 1}/${o.repeat}: kafka-producer-perf-test`);
          const first = runs.get(o.drivers[0]!)!.at(-1)!;
          const p = await perfTestOnce(
            o.shape,
            profile,
            bootstrap,
            observer,
            recordSizeOf(o.shape, [first]),
            perfTestRecords(o.shape, first),
          );
          perf.push(p);
          o.log(`    ${p.throughputMsgPerSec} msg/s, p99 ${p.p99LatencyMs} ms`);
        }
      }
      const perfTest = perf.length
        ? {
            command: perf[0]!.command,
            runs: perf.map(({ command: _c, ...r }) => r),
            medianThroughputMsgPerSec: med(perf.map((r) => r.throughputMsgPerSec)),
            medianP50LatencyMs: med(perf.map((r) => r.p50LatencyMs)),
            medianP99LatencyMs: med(perf.map((r) => r.p99LatencyMs)),
            medianP999LatencyMs: med(perf.map((r) => r.p999LatencyMs)),
          }
        : undefined;
      for (const driverName of o.drivers) {
        const rs = runs.get(driverName)!;
        const c: BenchCase = {
          driver: driverName,
          profile: profile.name,
          ours: {
            runs: rs,
            medianThroughputMsgPerSec: med(rs.map((r) => r.measured.throughputMsgPerSec)),
            medianThroughputMiBPerSec: med(rs.map((r) => r.measured.throughputMiBPerSec)),
            medianP50PublishLatencyMs: medOrNull(rs.map((r) => usToMs(r.publishLatency?.p50Us))),
            medianP99PublishLatencyMs: medOrNull(rs.map((r) => usToMs(r.publishLatency?.p99Us))),
            medianP999PublishLatencyMs: medOrNull(rs.map((r) => usToMs(r.publishLatency?.p999Us))),
            medianP99EndToEndLatencyMs: medOrNull(rs.map((r) => usToMs(r.endToEndLatency?.p99Us))),
          },
        };
        const offs = off.get(driverName)!;
        if (offs.length) {
          const offMed = med(offs);
          c.histogramsOff = {
            throughputMsgPerSec: offs,
            medianThroughputMsgPerSec: offMed,
            histogramOverheadPct: Math.round((1 - c.ours.medianThroughputMsgPerSec / offMed) * 1000) / 10,
          };
        }
        if (perfTest) {
          c.perfTest = perfTest;
          c.throughputRatioOursOverPerfTest =
            Math.round((c.ours.medianThroughputMsgPerSec / perfTest.medianThroughputMsgPerSec) * 100) / 100;
        }
        cases.push(c);
      }
    }
  } finally {
    await stack?.stop();
  }
  const notes = [
    "Medians of runs taken alternately on the same broker in the same run; the machine's load average is in environment.",
    o.shape.rateMsgPerSec === 'max'
      ? 'Rate max: closed loop, our latency is from the actual send call, as kafka-producer-perf-test measures it.'
      : `Paced at ${o.shape.rateMsgPerSec} records/s, both tools (perf-test's --throughput): the ratio says whether ours held the rate as perf-test did; our latency is from the intended send time (coordinated-omission safe), perf-test's from the actual send call.`,
    "kafka-producer-perf-test runs in the JVM Kafka's script gives it (-Xmx512M, G1, C2) and counts every record, its JIT warm-up included (short runs weigh it: --records lengthens both); ours is primed first and excludes the workload's warm-up seconds.",
    'perf-test sends as many records as our run sent.',
    "Batching and linger are done by kgrade's accumulator for every Node driver (neither client has one); a request carries up to batch.size per partition of the topics (at most 1 MiB) and, for unkeyed records, at least one record per partition however small batch.size is, as the Java producer's does.",
  ];
  return {
    schemaVersion: BENCH_SCHEMA_VERSION,
    kind: 'loadgen-bench',
    startedAt,
    workload: o.shape,
    profiles: o.profiles,
    repeat: o.repeat,
    provider,
    environment,
    notes,
    cases,
  };
}

async function perfTestOnce(
  shape: WorkloadShape,
  profile: ClientProfile,
  bootstrap: string,
  observer: string,
  recordSizeBytes: number,
  records: number,
): Promise<PerfTestResult & { command: string }> {
  const topic = `${shape.name}-perftest-${randomBytes(3).toString('hex')}`;
  const kafka = new Kafka({ clientId: 'kgrade-bench', brokers: observer.split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    await createTopicsReady(admin, [topic], shape.partitionsPerTopic, 1);
    return await runPerfTest({
      topic,
      records,
      recordSizeBytes,
      profile,
      bootstrapServers: bootstrap,
      // A paced shape paces perf-test too (its --throughput), so both are asked the same rate.
      throughputMsgPerSec: shape.rateMsgPerSec === 'max' ? undefined : shape.rateMsgPerSec,
    });
  } finally {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  }
}
