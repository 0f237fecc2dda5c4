// Where a one-record produce request's time goes (issue 34 item 5): on one broker, in one process, alternating
// slices of N requests (acks=all, one in flight, 100 B records) so the machine's drift hits every variant alike:
//   raw     a plain socket writing the bytes of platformatic's own produce request and waiting for the answer
//   driver  kgrade's platformatic driver, sendBatch([record]) awaited
//   direct  platformatic's produceV11 API on the producer's connection (skips the Producer's layers)
//   acc     kgrade's path: Accumulator (naive profile) + LatencyAccounting + the driver
// Prints wall and process CPU per request (median and min of the slices).
// Usage: node --import tsx scripts/request-path-probe.ts <bootstrap> [requests per slice] [cycles] [variants]
import net from 'node:net';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { Admin, ProduceAcks, Producer, produceV11 } from '@platformatic/kafka';
import { Accumulator } from '../loadgen/accumulator.js';
import type { OutRecord } from '../loadgen/drivers/driver.js';
import { driverByName } from '../loadgen/drivers/index.js';
import { LatencyAccounting } from '../loadgen/latency.js';
import { loadProfile } from '../loadgen/workload.js';

const bootstrap = process.argv[2];
if (!bootstrap) {
  process.stderr.write(
    'usage: request-path-probe.ts <bootstrap> [requests per slice] [cycles] [raw,driver,direct,acc]\n',
  );
  process.exit(2);
}
const perSlice = Number(process.argv[3] ?? 1000);
const cycles = Number(process.argv[4] ?? 8);
const which = (process.argv[5] ?? 'raw,driver,direct,acc').split(',');
const topic = `probe-${process.pid}`;
const admin = new Admin({ clientId: 'probe', bootstrapBrokers: [bootstrap] });
await admin.createTopics({ topics: [topic], partitions: 1, replicas: 1 });
await new Promise((r) => setTimeout(r, 1000));
const profile = loadProfile('naive');
const driver = await driverByName('platformatic').create({ bootstrapServers: bootstrap, profile, clientId: 'probe' });
await driver.connect();
const value = Buffer.alloc(100, 97);
const rec = (): OutRecord => ({ topic, value, timestampMs: Date.now() });
for (let i = 0; i < 2000; i++) await driver.sendBatch([rec()]);

// The bytes of one produce request as platformatic writes them, for the raw socket.
let captured: Buffer | undefined;
const origWrite = net.Socket.prototype.write;
// biome-ignore lint/suspicious/noExplicitAny: a probe's temporary hook
(net.Socket.prototype as any).write = function (buf: Buffer, ...rest: unknown[]) {
  captured = Buffer.from(buf);
  // biome-ignore lint/suspicious/noExplicitAny: a probe's temporary hook
  return (origWrite as any).call(this, buf, ...rest);
};
await driver.sendBatch([rec()]);
net.Socket.prototype.write = origWrite;
const [host, port] = bootstrap.split(':');
const sock = net.createConnection({ host, port: Number(port) });
sock.setNoDelay(true);
await new Promise((r) => sock.once('connect', r));
let pending: (() => void) | undefined;
let inBuf = Buffer.alloc(0);
sock.on('data', (d: Buffer) => {
  inBuf = inBuf.length ? Buffer.concat([inBuf, d]) : d;
  while (inBuf.length >= 4 && inBuf.length >= 4 + inBuf.readInt32BE(0)) {
    inBuf = inBuf.subarray(4 + inBuf.readInt32BE(0));
    const p = pending!;
    pending = undefined;
    p();
  }
});
const raw = () =>
  new Promise<void>((r) => {
    pending = r;
    sock.write(captured!);
  });

const prod = new Producer({
  clientId: 'probe-direct',
  bootstrapBrokers: [bootstrap],
  acks: ProduceAcks.ALL,
  autocreateTopics: false,
  timeout: 30000,
});
await prod.send({ messages: [{ topic, value }] });
// biome-ignore lint/suspicious/noExplicitAny: metadata and the pool are reached as platformatic's Producer does
const md: any = await prod.metadata({ topics: [topic] });
const leader = md.topics.get(topic).partitions[0].leader;
// biome-ignore lint/suspicious/noExplicitAny: as above
const conn: any = await new Promise((res, rej) =>
  // biome-ignore lint/suspicious/noExplicitAny: as above
  (prod as any).connections.get(md.brokers.get(leader), (e: unknown, c: unknown) => (e ? rej(e) : res(c))),
);
const direct = () =>
  new Promise<void>((res, rej) =>
    produceV11.api(
      conn,
      -1,
      30000,
      [{ topic, partition: 0, value, timestamp: BigInt(Date.now()), headers: new Map() }],
      {},
      (e: unknown) => (e ? rej(e) : res()),
    ),
  );

async function accPath(n: number) {
  const t = performance.now();
  const a = new LatencyAccounting({
    runStartMs: t,
    measureFromMs: t,
    measureFromEpochMs: Date.now(),
    histograms: true,
    recordDelay: false,
  });
  const acc = new Accumulator(
    { ...profile, batchSizeBytes: 1 },
    (rs) => driver.sendBatch(rs),
    (batch, ok) => {
      const now = performance.now();
      for (const p of batch) a.onAck(p.intendedMs, now, p.bytes, ok);
    },
  );
  for (let i = 0; i < n; i++) {
    const now = performance.now();
    a.onSent(now, now);
    acc.add({ topic, value, timestampMs: Date.now(), bytes: 100, intendedMs: now });
  }
  await acc.flush();
}
const variants: Record<string, (n: number) => Promise<void>> = {
  raw: async (n) => {
    for (let i = 0; i < n; i++) await raw();
  },
  driver: async (n) => {
    for (let i = 0; i < n; i++) await driver.sendBatch([rec()]);
  },
  direct: async (n) => {
    for (let i = 0; i < n; i++) await direct();
  },
  acc: accPath,
};
const res: Record<string, { wall: number[]; cpu: number[] }> = {};
for (let c = 0; c < cycles; c++) {
  for (const w of which) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await variants[w]!(perSlice);
    const dt = performance.now() - t0;
    const cu = process.cpuUsage(c0);
    (res[w] ??= { wall: [], cpu: [] }).wall.push((dt * 1000) / perSlice);
    res[w]!.cpu.push((cu.user + cu.system) / perSlice);
  }
}
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const us = (x: number) => x.toFixed(0).padStart(5);
console.log(
  `load ${os.loadavg()[0]!.toFixed(1)}; ${cycles} cycles of ${perSlice} requests per variant; per request: median (min)`,
);
for (const w of which)
  console.log(
    `${w.padEnd(7)} wall ${us(med(res[w]!.wall))} us (${us(Math.min(...res[w]!.wall))})   CPU ${us(med(res[w]!.cpu))} us (${us(Math.min(...res[w]!.cpu))})`,
  );
sock.destroy();
await driver.close();
await prod.close();
await admin.deleteTopics({ topics: [topic] });
await admin.close();
