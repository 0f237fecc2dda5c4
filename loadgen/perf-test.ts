import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execCapture } from '../core/exec.js';
import { GraderError } from '../core/errors.js';
import { cachePaths } from '../stack/cache-paths.js';
import { KAFKA_LOG4J } from '../stack/kafka-java.js';
import type { ClientProfile } from './workload.js';

/** What kafka-producer-perf-test prints on its last line. Its latency is measured from the actual send call. */
export interface PerfTestResult {
  records: number;
  throughputMsgPerSec: number;
  throughputMiBPerSec: number;
  avgLatencyMs: number;
  maxLatencyMs: number;
  p50LatencyMs: number;
  p95LatencyMs: number;
  p99LatencyMs: number;
  p999LatencyMs: number;
}

const FINAL =
  /^(\d+) records sent, ([\d.]+) records\/sec \(([\d.]+) MB\/sec\), ([\d.]+) ms avg latency, ([\d.]+) ms max latency, (\d+) ms 50th, (\d+) ms 95th, (\d+) ms 99th, (\d+) ms 99\.9th\.?$/m;

/** Parses ProducerPerformance's final summary line (Kafka 3.x format). Pure. */
export function parsePerfTestOutput(stdout: string): PerfTestResult {
  const lines = stdout.trim().split('\n').reverse();
  for (const line of lines) {
    const m = FINAL.exec(line.trim());
    if (m) {
      const n = m.slice(1).map(Number);
      return {
        records: n[0]!,
        throughputMsgPerSec: n[1]!,
        // perf-test's "MB" is MiB (bytes / 1024 / 1024).
        throughputMiBPerSec: n[2]!,
        avgLatencyMs: n[3]!,
        maxLatencyMs: n[4]!,
        p50LatencyMs: n[5]!,
        p95LatencyMs: n[6]!,
        p99LatencyMs: n[7]!,
        p999LatencyMs: n[8]!,
      };
    }
  }
  throw new Error(`no summary line in kafka-producer-perf-test output: ${stdout.slice(-400)}`);
}

/** Producer properties equivalent to a client profile, for the Java producer. Pure. */
export function perfTestProducerProps(profile: ClientProfile, bootstrapServers: string): string[] {
  return [
    `bootstrap.servers=${bootstrapServers}`,
    `acks=${profile.acks === -1 ? 'all' : profile.acks}`,
    `enable.idempotence=${profile.idempotence}`,
    `batch.size=${profile.batchSizeBytes}`,
    `linger.ms=${profile.lingerMs}`,
    `compression.type=${profile.compression}`,
    `max.in.flight.requests.per.connection=${profile.maxInFlightRequests}`,
    `buffer.memory=${profile.bufferMemoryBytes}`,
  ];
}

/**
 * The JVM of kafka-producer-perf-test.sh as Kafka ships it: its heap (`KAFKA_HEAP_OPTS="-Xmx512M"`) and
 * kafka-run-class.sh's default `KAFKA_JVM_PERFORMANCE_OPTS`. Not the C1-only, serial-GC flags of kgrade's own
 * brokers (`KAFKA_JVM_FLAGS`, tuned for short gradings): perf-test ran with those until Dec 2026, a Java producer
 * without C2 against which kgrade's ratios were flattering.
 */
export const PERF_TEST_JVM_OPTS = [
  '-server',
  '-XX:+UseG1GC',
  '-XX:MaxGCPauseMillis=20',
  '-XX:InitiatingHeapOccupancyPercent=35',
  '-XX:+ExplicitGCInvokesConcurrent',
  '-XX:MaxInlineLevel=15',
  '-Djava.awt.headless=true',
] as const;

/** `java` arguments that run ProducerPerformance from the provisioned jars as the script would. Writes a log4j file in `dir`. */
export function perfTestJavaArgs(dir: string, args: string[], heap = '512M'): string[] {
  const log4j = path.join(dir, 'log4j.properties');
  fs.writeFileSync(log4j, KAFKA_LOG4J);
  return [
    `-Xmx${heap}`,
    ...PERF_TEST_JVM_OPTS,
    `-Dlog4j.configuration=file:${log4j}`,
    '-cp',
    path.join(cachePaths.kafkaLibs(), '*'),
    'org.apache.kafka.tools.ProducerPerformance',
    ...args,
  ];
}

/** Runs org.apache.kafka.tools.ProducerPerformance (kafka-producer-perf-test) from the provisioned jars. */
export async function runPerfTest(o: {
  topic: string;
  records: number;
  recordSizeBytes: number;
  profile: ClientProfile;
  bootstrapServers: string;
  heap?: string;
  /** perf-test's --throughput (records/s); unpaced (-1) when absent. */
  throughputMsgPerSec?: number;
}): Promise<PerfTestResult & { command: string }> {
  if (!fs.existsSync(cachePaths.kafkaLibs())) {
    throw new GraderError('MISSING_TOOL', `Kafka's jars are not provisioned (${cachePaths.kafkaLibs()})`, {
      hint: 'run: kgrade stack provision',
    });
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kgrade-perftest-'));
  try {
    const args = [
      '--topic',
      o.topic,
      '--num-records',
      String(o.records),
      '--record-size',
      String(o.recordSizeBytes),
      '--throughput',
      String(o.throughputMsgPerSec ?? -1),
      '--producer-props',
      ...perfTestProducerProps(o.profile, o.bootstrapServers),
    ];
    const r = await execCapture('java', perfTestJavaArgs(dir, args, o.heap), { timeoutMs: 300_000 });
    if (r.code !== 0) {
      throw new GraderError('INTERNAL', `kafka-producer-perf-test exited with ${r.code ?? r.signal}`, {
        hint: 'see its output below',
        logTail: (r.stdout + r.stderr).slice(-2000),
      });
    }
    return { ...parsePerfTestOutput(r.stdout), command: `kafka-producer-perf-test ${args.join(' ')}` };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
