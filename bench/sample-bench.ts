/**
 * A bench result shaped like a real `kgrade bench load --vs-perf-test` at max rate with a record cap, for the
 * report's tests: runs that end at the cap after 1-2 s of a planned 10, a case whose run lasted under a second
 * (one point per series), no warm-up, acks=1 slower than acks=all at saturation, three runs per case.
 */
import { run as baseRun } from '../loadgen/sample-run.js';
import type { LoadRunResult } from '../loadgen/result.js';
import { validateProfile, validateShape } from '../loadgen/workload.js';
import type { BenchCase, BenchResult } from './load-bench.js';

export const sampleShape = validateShape({
  name: 'course-news',
  description: 'Course news records, as ex1 produces them.',
  payload: { kind: 'random-bytes', sizeBytes: 512 },
  rateMsgPerSec: 'max',
  warmupSec: 0,
  durationSec: 10,
  maxRecords: 20000,
});
const profiles = [validateProfile({ name: 'acks1', acks: 1 }), validateProfile({ name: 'acksall', acks: 'all' })];

function loadRun(driver: string, profile: (typeof profiles)[number], durationMs: number, p99Ms: number): LoadRunResult {
  const records = 20000;
  const seconds = Math.ceil(durationMs / 1000);
  const series = Array.from({ length: seconds }, (_, second) => {
    const covered = Math.min(1000, durationMs - second * 1000) / 1000;
    const acked = Math.round((records / (durationMs / 1000)) * covered);
    return {
      second,
      warmup: false,
      ackedRecords: acked,
      ackedBytes: acked * 512,
      failedRecords: 0,
      p50PublishLatencyUs: p99Ms * 400,
      p99PublishLatencyUs: p99Ms * 1000 * (1 + second * 0.1),
      maxPublishLatencyUs: p99Ms * 1500,
    };
  });
  const curve = [0, 10, 25, 50, 75, 90, 95, 99, 99.9, 99.99, 100].map((percentile) => ({
    percentile,
    valueUs: Math.round(p99Ms * 1000 * (0.2 + (percentile / 100) ** 6)),
  }));
  return {
    ...baseRun,
    driver,
    workload: sampleShape,
    profile,
    measured: {
      records,
      bytes: records * 512,
      failedRecords: 0,
      warmupRecords: 0,
      durationMs,
      throughputMsgPerSec: (records * 1000) / durationMs,
      throughputMiBPerSec: (records * 512 * 1000) / durationMs / 2 ** 20,
      produceRequests: 400,
      meanRecordsPerRequest: 50,
      unfinishedRecords: 0,
    },
    publishLatency: {
      count: records,
      meanUs: p99Ms * 500,
      p50Us: p99Ms * 400,
      p90Us: p99Ms * 800,
      p99Us: p99Ms * 1000,
      p999Us: p99Ms * 1100,
      maxUs: p99Ms * 1500,
      curve,
    },
    series,
  };
}

function benchCase(driver: string, profile: (typeof profiles)[number], durationMs: number, p99Ms: number): BenchCase {
  const runs = [
    loadRun(driver, profile, durationMs, p99Ms),
    loadRun(driver, profile, durationMs * 1.1, p99Ms * 0.9),
    loadRun(driver, profile, durationMs * 0.95, p99Ms * 1.2),
  ];
  const tp = (20000 * 1000) / (durationMs * 1.1);
  return {
    driver,
    profile: profile.name,
    ours: {
      runs,
      medianThroughputMsgPerSec: tp + 0.3333,
      medianThroughputMiBPerSec: (tp * 512) / 2 ** 20,
      medianP50PublishLatencyMs: p99Ms * 0.4,
      medianP99PublishLatencyMs: p99Ms,
      medianP999PublishLatencyMs: p99Ms * 1.1,
      medianP99EndToEndLatencyMs: null,
    },
    perfTest: {
      command: 'kafka-producer-perf-test.sh ...',
      runs: [],
      medianThroughputMsgPerSec: 25000.6667,
      medianP50LatencyMs: profile.name === 'acks1' ? 40 : 25,
      medianP99LatencyMs: profile.name === 'acks1' ? 160 : 90,
      medianP999LatencyMs: profile.name === 'acks1' ? 180 : 120,
    },
    throughputRatioOursOverPerfTest: Math.round((tp / 25000) * 100) / 100,
  };
}

export function sampleBench(): BenchResult {
  return {
    schemaVersion: 1,
    kind: 'loadgen-bench',
    startedAt: '2026-11-23T16:00:00.000Z',
    workload: sampleShape,
    profiles,
    repeat: 3,
    provider: 'native',
    environment: { node: '20.20.2', cpus: 2, loadAverage1m: 1.4 },
    notes: ['Runs alternate between the drivers and perf-test on the same broker.'],
    cases: [
      benchCase('kafkajs', profiles[0]!, 1800, 210),
      benchCase('kafkajs', profiles[1]!, 1500, 120),
      benchCase('platformatic', profiles[0]!, 1300, 150),
      benchCase('platformatic', profiles[1]!, 800, 95),
    ],
  };
}
