import { performance } from 'node:perf_hooks';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { waitFor } from '../core/wait-for.js';
import { Accumulator, minRecordsPerRequestFor, requestBytesFor } from './accumulator.js';
import type { DriverFactory, OutRecord } from './drivers/driver.js';
import { registerKafkajsCodecs } from '../stack/kafkajs-codecs.js';
import { LatencyAccounting } from './latency.js';
import { makePayloadPool } from './payload.js';
import { RateSchedule } from './rate-schedule.js';
import { environmentInfo, LOADGEN_SCHEMA_VERSION, type LoadRunResult } from './result.js';
import type { ClientProfile, WorkloadShape } from './workload.js';

export interface RunOptions {
  shape: WorkloadShape;
  profile: ClientProfile;
  driver: DriverFactory;
  /** What the producer uses. */
  bootstrapServers: string;
  /** Admin and end-to-end consumer (the grader's direct listener when there is one). */
  observerBootstrapServers?: string;
  seed: number;
  runId: string;
  histograms?: boolean;
  replicationFactor?: number;
  kafkaVersion?: string;
  /** Progress lines (stderr). */
  log?: (line: string) => void;
}

const yieldNow = () => new Promise<void>((r) => setImmediate(r));
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** How long a run waits, once its records are issued, for the queue to drain; what is still waiting then is dropped. */
const FLUSH_CAP_MS = 60_000;

/** How many records the generator issues before yielding to the event loop (acks, timers, consumer). */
const SLICE = 256;

/**
 * Creates topics and waits until every partition has a leader. kafkajs's own `waitForLeaders` gives up on
 * UNKNOWN_TOPIC_OR_PARTITION when metadata lags behind the creation (seen on a loaded machine).
 */
export async function createTopicsReady(
  admin: Admin,
  topics: string[],
  partitions: number,
  replicationFactor: number,
): Promise<void> {
  await admin.createTopics({
    topics: topics.map((topic) => ({ topic, numPartitions: partitions, replicationFactor })),
    waitForLeaders: false,
  });
  await waitFor(
    async () => {
      try {
        const md = await admin.fetchTopicMetadata({ topics });
        return (
          md.topics.every((t) => t.partitions.length === partitions && t.partitions.every((p) => p.leader >= 0)) ||
          undefined
        );
      } catch {
        return undefined;
      }
    },
    { timeoutMs: 30_000, intervalMs: 100, what: `leaders for ${topics.join(', ')}` },
  );
}

/** One run: a workload shape x a client profile on one driver. Creates its topics and deletes them after. */
export async function runWorkload(o: RunOptions): Promise<LoadRunResult> {
  const { shape, profile } = o;
  const log = o.log ?? (() => undefined);
  registerKafkajsCodecs(); // the e2e consumer decompresses whatever the producer wrote
  const observer = new Kafka({
    clientId: `kgrade-loadgen-${o.runId}`,
    brokers: (o.observerBootstrapServers ?? o.bootstrapServers).split(','),
    logLevel: logLevel.NOTHING,
  });
  const admin = observer.admin();
  await admin.connect();
  const topics = Array.from({ length: shape.topics }, (_, t) => `${shape.name}-${o.runId}-${t}`);
  await createTopicsReady(admin, topics, shape.partitionsPerTopic, o.replicationFactor ?? 1);
  const pool = makePayloadPool(shape.payload, shape.keyDistribution, shape.keyCount, o.seed);
  const driver = await o.driver.create({
    bootstrapServers: o.bootstrapServers,
    profile,
    clientId: `kgrade-loadgen-${o.runId}`,
  });
  await driver.connect();
  let outstanding = 0;
  let acc: LatencyAccounting | undefined;
  // One clock read per acknowledged request, not per record: every record of it was acknowledged at that instant.
  const accumulator = new Accumulator(
    {
      ...profile,
      batchSizeBytes: requestBytesFor(profile.batchSizeBytes, shape.topics * shape.partitionsPerTopic),
      minRecordsPerRequest: minRecordsPerRequestFor(
        shape.topics * shape.partitionsPerTopic,
        shape.keyDistribution !== 'none',
      ),
    },
    (records: OutRecord[]) => driver.sendBatch(records),
    (batch, ok) => {
      const now = performance.now();
      outstanding -= batch.length;
      for (const p of batch) acc!.onAck(p.intendedMs, now, p.bytes, ok);
    },
  );

  const epochOffsetMs = Date.now() - performance.now();
  const environment = environmentInfo(o.kafkaVersion);
  const startedAt = new Date().toISOString();
  let consumerStop: (() => Promise<void>) | undefined;
  let consumed = 0;
  let accounting: LatencyAccounting | undefined;
  if (shape.endToEnd) {
    const consumer = observer.consumer({ groupId: `kgrade-e2e-${o.runId}`, maxWaitTimeInMs: 50, minBytes: 1 });
    await consumer.connect();
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    for (const topic of topics) await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachBatch: async ({ batch }) => {
        const now = Date.now();
        for (const m of batch.messages) {
          accounting?.onConsumed(Number(m.timestamp), now);
          consumed++;
        }
      },
    });
    await joined;
    consumerStop = () => consumer.disconnect();
  }

  const runStartMs = performance.now();
  const measureFromMs = runStartMs + shape.warmupSec * 1000;
  const endMs = measureFromMs + shape.durationSec * 1000;
  const paced = shape.rateMsgPerSec !== 'max';
  acc = new LatencyAccounting({
    runStartMs,
    measureFromMs,
    measureFromEpochMs: epochOffsetMs + measureFromMs,
    histograms: o.histograms ?? true,
    recordDelay: paced,
  });
  accounting = acc;
  const a = acc;
  const schedule = paced ? new RateSchedule(runStartMs, shape.rateMsgPerSec as number) : undefined;
  const maxMeasured = shape.maxRecords ?? Number.POSITIVE_INFINITY;
  let issued = 0;
  let measuredIssued = 0;

  // The hot path: no closure and one clock read per record (unpaced, the actual send time is the intended one).
  const send = (i: number, intendedMs: number, actualMs: number) => {
    const value = pool.values[i % pool.values.length]!;
    const key = pool.keyOf(i);
    const bytes = value.length + (key?.length ?? 0);
    a.onSent(intendedMs, actualMs);
    outstanding++;
    accumulator.add({
      topic: topics[i % topics.length]!,
      key,
      value,
      timestampMs: Math.round(epochOffsetMs + intendedMs),
      bytes,
      intendedMs,
    });
    if (!a.isWarmup(intendedMs)) measuredIssued++;
  };

  // Records whose intended time falls before the end; the generator never goes past it, even when catching up.
  const lastIndex = schedule ? schedule.dueCount(endMs - 1e-6) : 0;
  let lastLog = runStartMs;
  for (;;) {
    const now = performance.now();
    if (now - lastLog >= 1000) {
      lastLog = now;
      log(
        `  ${((now - runStartMs) / 1000).toFixed(0)} s: ${issued} sent, ${acc.measuredRecords + acc.warmupRecords} acked`,
      );
    }
    if (measuredIssued >= maxMeasured) break;
    if (!accumulator.hasRoom()) {
      await accumulator.waitForRoom();
      continue;
    }
    if (schedule) {
      const intended = schedule.intendedMs(issued);
      if (intended >= endMs) break;
      const due = Math.min(schedule.dueCount(now), lastIndex);
      if (issued >= due) {
        const wait = schedule.waitMs(issued, now);
        await (wait > 1 ? sleep(Math.floor(wait)) : yieldNow());
        continue;
      }
      let n = 0;
      while (issued < due && n < SLICE && measuredIssued < maxMeasured && accumulator.hasRoom()) {
        send(issued, schedule.intendedMs(issued), performance.now());
        issued++;
        n++;
      }
    } else {
      if (now >= endMs) break;
      for (let n = 0; n < SLICE && measuredIssued < maxMeasured && accumulator.hasRoom(); n++) {
        const t = performance.now();
        send(issued, t, t);
        issued++;
      }
    }
    await yieldNow();
  }
  let flushCap: ReturnType<typeof setTimeout> | undefined;
  const flushed = await Promise.race([
    accumulator.flush().then(() => true),
    new Promise<false>((r) => {
      flushCap = setTimeout(() => r(false), FLUSH_CAP_MS);
    }),
  ]);
  clearTimeout(flushCap);
  if (!flushed) {
    const dropped = accumulator.discardQueued();
    log(`  not acknowledged within ${FLUSH_CAP_MS / 1000} s of the end: ${dropped} records left unsent`);
  }
  if (consumerStop) {
    const target = acc.measuredRecords + acc.warmupRecords;
    const deadline = performance.now() + 15_000;
    while (consumed < target && performance.now() < deadline) await sleep(50);
    await consumerStop();
  }
  await driver.close().catch(() => undefined);
  await admin.deleteTopics({ topics }).catch(() => undefined);
  await admin.disconnect();

  const tp = acc.throughput();
  return {
    schemaVersion: LOADGEN_SCHEMA_VERSION,
    kind: 'loadgen-run',
    startedAt,
    seed: o.seed,
    driver: o.driver.name,
    workload: shape,
    profile,
    environment,
    latencyOrigin: paced ? 'intended-send-time' : 'actual-send-time',
    histogramsEnabled: o.histograms ?? true,
    measured: {
      records: acc.measuredRecords,
      bytes: acc.measuredBytes,
      failedRecords: acc.failedRecords,
      warmupRecords: acc.warmupRecords,
      durationMs: Math.round(tp.spanMs),
      throughputMsgPerSec: Math.round(tp.msgPerSec),
      throughputMiBPerSec: Math.round((tp.bytesPerSec / 1048576) * 100) / 100,
      produceRequests: accumulator.requests,
      meanRecordsPerRequest: accumulator.requests
        ? Math.round(((acc.measuredRecords + acc.warmupRecords) / accumulator.requests) * 10) / 10
        : 0,
      unfinishedRecords: outstanding,
    },
    publishLatency: acc.summary('publishLatency'),
    publishDelay: acc.summary('publishDelay'),
    endToEndLatency: acc.summary('endToEnd'),
    series: acc.series(),
  };
}
