// `npm run bench:micro`: what the load generator itself costs per record (tinybench, this machine, now).
// Payload generation happens before a run (pooled) but is measured to show why; serialisation and histogram
// recording happen on the hot path. Figures are noisy on a loaded machine: compare within one run only.
import { createRequire } from 'node:module';
import os from 'node:os';
import * as hdr from 'hdr-histogram-js';
import { Bench } from 'tinybench';
import { createRng } from '../core/rng.js';
import { registerKafkajsCodecs } from '../stack/kafkajs-codecs.js';
import { LatencyAccounting } from '../loadgen/latency.js';
import { makePayloadPool, newsRecord, randomLetters } from '../loadgen/payload.js';

const require = createRequire(import.meta.url);
const rng = createRng(42);
const news = newsRecord(rng, 1);
const bench = new Bench({ time: Number(process.env.MICRO_TIME_MS ?? 300), warmupTime: 100 });

bench
  .add('payload: random letters 100 B', () => void randomLetters(rng, 100))
  .add('payload: random letters 1 KB', () => void randomLetters(rng, 1024))
  .add('payload: news record (object)', () => void newsRecord(rng, 7))
  .add(
    'payload: pool of 1024 news records (whole pool, once per run)',
    () => void makePayloadPool({ kind: 'news-json' }, 'random', 12, 1),
  )
  .add('serialise: news record JSON.stringify + Buffer.from', () => void Buffer.from(JSON.stringify(news)));

const h = hdr.build({
  bitBucketSize: 64,
  autoResize: true,
  lowestDiscernibleValue: 1,
  highestTrackableValue: 120_000_000,
  numberOfSignificantValueDigits: 3,
  useWebAssembly: false,
});
let v = 1;
bench.add('histogram: one recordValue (HdrHistogram, 3 digits)', () => {
  v = (v * 1103515245 + 12345) % 2_000_000;
  h.recordValue(v + 1);
});
const on = new LatencyAccounting({ runStartMs: 0, measureFromMs: 0, measureFromEpochMs: 0, histograms: true });
const onClosed = new LatencyAccounting({
  runStartMs: 0,
  measureFromMs: 0,
  measureFromEpochMs: 0,
  histograms: true,
  recordDelay: false,
});
const off = new LatencyAccounting({ runStartMs: 0, measureFromMs: 0, measureFromEpochMs: 0, histograms: false });
let t = 0;
bench.add('accounting per record: onSent + onAck, histograms on', () => {
  t += 0.05;
  on.onSent(t, t);
  on.onAck(t, t + 3.2, 100, true);
});
bench.add('accounting per record: onSent + onAck, histograms on, closed loop (no delay histogram)', () => {
  t += 0.05;
  onClosed.onSent(t, t);
  onClosed.onAck(t, t + 3.2, 100, true);
});
bench.add('accounting per record: onSent + onAck, histograms off', () => {
  t += 0.05;
  off.onSent(t, t);
  off.onAck(t, t + 3.2, 100, true);
});

try {
  // kafkajs internals (not public API): the cost of encoding a 100-record batch, for scale.
  const { RecordBatch } = require('kafkajs/src/protocol/recordBatch/v0/index.js') as {
    RecordBatch: (o: unknown) => Promise<{ buffer: Buffer }>;
  };
  const Record = require('kafkajs/src/protocol/recordBatch/record/v0/index.js') as (o: unknown) => unknown;
  const value = Buffer.from(JSON.stringify(news));
  bench.add('serialise: kafkajs RecordBatch of 100 news records (per batch)', async () => {
    const records = Array.from({ length: 100 }, (_, i) =>
      Record({ offsetDelta: i, timestampDelta: 0, key: null, value, headers: {} }),
    );
    await RecordBatch({ records });
  });
} catch {
  /* kafkajs internals moved: skip */
}

const codecs = registerKafkajsCodecs();
const kafkajs = require('kafkajs') as {
  CompressionCodecs: Record<number, () => { compress(e: { buffer: Buffer }): Promise<Buffer> }>;
  CompressionTypes: Record<string, number>;
};
const batch = makePayloadPool({ kind: 'news-json' }, 'none', 1, 3, 96).values;
const batchBuf = Buffer.concat(batch);
const ratios: string[] = [];
for (const [name, type] of [
  ['gzip', kafkajs.CompressionTypes.GZIP],
  ['snappy', kafkajs.CompressionTypes.Snappy],
  ['lz4', kafkajs.CompressionTypes.LZ4],
  ['zstd', kafkajs.CompressionTypes.ZSTD],
] as const) {
  if (!codecs.includes(name)) continue;
  const codec = kafkajs.CompressionCodecs[type!]!();
  bench.add(
    `compress: ${(batchBuf.length / 1024).toFixed(0)} KiB of news JSON with ${name} (kafkajs codec)`,
    async () => void (await codec.compress({ buffer: batchBuf })),
  );
  ratios.push(`${name} ${(batchBuf.length / (await codec.compress({ buffer: batchBuf })).length).toFixed(2)}x`);
}

process.stderr.write(
  `tinybench on Node ${process.versions.node}, load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs (figures are noisy when it is high)\n`,
);
await bench.run();
const rows = bench.tasks.map((task) => {
  const r = task.result as {
    state?: string;
    latency?: { p50: number; rme: number };
    throughput?: { p50: number };
    error?: Error;
  };
  if (!r?.latency)
    return { task: task.name, 'median ns': '-', 'ops/s (median)': '-', note: r?.error?.message ?? 'no result' };
  return {
    task: task.name,
    'median ns': Math.round(r.latency.p50 * 1e6),
    'ops/s (median)': Math.round(r.throughput!.p50),
    note: `±${r.latency.rme.toFixed(1)} %`,
  };
});
console.table(rows);
console.log(`compression ratio on ${batch.length} news records (${batchBuf.length} B): ${ratios.join(', ')}`);
