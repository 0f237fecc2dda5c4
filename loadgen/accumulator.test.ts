import { describe, expect, it } from 'vitest';
import {
  Accumulator,
  MAX_REQUEST_BYTES,
  minRecordsPerRequestFor,
  requestBytesFor,
  type Timers,
} from './accumulator.js';
import type { OutRecord } from './drivers/driver.js';

/** Hand-driven timers: nothing runs until the test says so. */
function manualTimers() {
  const immediates: (() => void)[] = [];
  const timeouts: { ms: number; fn: () => void; cancelled: boolean }[] = [];
  const timers: Timers = {
    immediate: (fn) => void immediates.push(fn),
    after: (ms, fn) => {
      const t = { ms, fn, cancelled: false };
      timeouts.push(t);
      return { cancel: () => (t.cancelled = true) };
    },
  };
  return {
    timers,
    runImmediates: () => {
      for (const f of immediates.splice(0)) f();
    },
    fireTimeouts: () => {
      for (const t of timeouts.splice(0).filter((t) => !t.cancelled)) t.fn();
    },
    pendingTimeouts: () => timeouts.filter((t) => !t.cancelled).length,
  };
}

const rec = (i: number): OutRecord => ({ topic: 't', value: Buffer.alloc(10, i), timestampMs: i });

function harness(opts: {
  batchSizeBytes: number;
  minRecordsPerRequest?: number;
  lingerMs: number;
  maxInFlightRequests: number;
  bufferMemoryBytes?: number;
}) {
  const t = manualTimers();
  const acked: number[] = [];
  const sent: OutRecord[][] = [];
  const resolvers: (() => void)[] = [];
  const acc = new Accumulator(
    { bufferMemoryBytes: 1 << 20, ...opts },
    (records) => {
      sent.push(records);
      return new Promise<void>((r) => resolvers.push(r));
    },
    (batch, ok) => {
      if (ok) for (const p of batch) acked.push(p.intendedMs);
    },
    t.timers,
  );
  const add = (i: number, bytes = 10) => acc.add({ ...rec(i), bytes, intendedMs: i });
  const ackAll = async () => {
    for (const r of resolvers.splice(0)) r();
    await new Promise((r) => setImmediate(r));
  };
  return { acc, t, sent, add, acked, ackAll };
}

describe('Accumulator', () => {
  it('with linger 0, sends what is queued on the next tick', () => {
    const h = harness({ batchSizeBytes: 1000, lingerMs: 0, maxInFlightRequests: 5 });
    h.add(1);
    h.add(2);
    expect(h.sent).toHaveLength(0);
    h.t.runImmediates();
    expect(h.sent.map((b) => b.length)).toEqual([2]);
  });

  it('sends a full batch at once, without waiting for the linger', () => {
    const h = harness({ batchSizeBytes: 30, lingerMs: 50, maxInFlightRequests: 5 });
    h.add(1);
    h.add(2);
    expect(h.sent).toHaveLength(0);
    h.add(3);
    expect(h.sent.map((b) => b.length)).toEqual([3]);
  });

  it('sends a partial batch when the linger expires', () => {
    const h = harness({ batchSizeBytes: 1000, lingerMs: 20, maxInFlightRequests: 5 });
    h.add(1);
    expect(h.sent).toHaveLength(0);
    h.t.fireTimeouts();
    expect(h.sent.map((b) => b.length)).toEqual([1]);
  });

  it('keeps at most maxInFlightRequests requests out, and batches what queued meanwhile', async () => {
    const h = harness({ batchSizeBytes: 1000, lingerMs: 0, maxInFlightRequests: 1 });
    h.add(1);
    h.t.runImmediates();
    h.add(2);
    h.add(3);
    h.t.runImmediates();
    expect(h.sent.map((b) => b.length)).toEqual([1]);
    await h.ackAll();
    expect(h.sent.map((b) => b.length)).toEqual([1, 2]);
    await h.ackAll();
    expect(h.acked).toEqual([1, 2, 3]);
  });

  it('splits a long queue into requests no bigger than the batch size', async () => {
    const h = harness({ batchSizeBytes: 20, lingerMs: 0, maxInFlightRequests: 5 });
    for (let i = 0; i < 5; i++) h.add(i);
    h.t.runImmediates();
    expect(h.sent.map((b) => b.length)).toEqual([2, 2, 1]);
  });

  it('takes one record per partition into a request when batch.size is smaller than a record (naive on 3 partitions)', async () => {
    const h = harness({ batchSizeBytes: 3, minRecordsPerRequest: 3, lingerMs: 0, maxInFlightRequests: 1 });
    // The first record fills a batch and leaves at once, alone (as Java's sender wakes for it); the rest queue meanwhile.
    for (let i = 0; i < 8; i++) h.add(i);
    for (let r = 0; r < 4; r++) await h.ackAll();
    expect(h.sent.map((b) => b.length)).toEqual([1, 3, 3, 1]);
    expect(h.acked).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('without minRecordsPerRequest, a request smaller than a record carries one record', async () => {
    const h = harness({ batchSizeBytes: 1, lingerMs: 0, maxInFlightRequests: 5 });
    for (let i = 0; i < 3; i++) h.add(i);
    h.t.runImmediates();
    expect(h.sent.map((b) => b.length)).toEqual([1, 1, 1]);
  });

  it('keeps the minimum of records within max.request.size', async () => {
    const h = harness({ batchSizeBytes: 1, minRecordsPerRequest: 3, lingerMs: 0, maxInFlightRequests: 1 });
    const big = MAX_REQUEST_BYTES / 2;
    for (let i = 0; i < 4; i++) h.add(i, big);
    for (let r = 0; r < 3; r++) await h.ackAll();
    expect(h.sent.map((b) => b.length)).toEqual([1, 2, 1]);
  });

  it('goes on by bytes past the minimum when batch.size allows more', () => {
    const h = harness({ batchSizeBytes: 50, minRecordsPerRequest: 3, lingerMs: 0, maxInFlightRequests: 5 });
    for (let i = 0; i < 7; i++) h.add(i);
    h.t.runImmediates();
    expect(h.sent.map((b) => b.length)).toEqual([5, 2]);
  });

  it('discardQueued drops what waits, keeps what is in flight, and lets flush resolve once that is acknowledged', async () => {
    const h = harness({ batchSizeBytes: 1, lingerMs: 0, maxInFlightRequests: 1 });
    for (let i = 0; i < 5; i++) h.add(i);
    let flushed = false;
    const f = h.acc.flush().then(() => (flushed = true));
    expect(h.acc.discardQueued()).toBe(4);
    expect(flushed).toBe(false);
    await h.ackAll();
    await f;
    expect(h.sent.map((b) => b.length)).toEqual([1]);
    expect(h.acked).toEqual([0]);
    expect(h.acc.discardQueued()).toBe(0);
  });

  it('reports no room once buffer memory is used, and room again after acks', async () => {
    const h = harness({ batchSizeBytes: 1000, lingerMs: 0, maxInFlightRequests: 5, bufferMemoryBytes: 20 });
    h.add(1);
    expect(h.acc.hasRoom()).toBe(true);
    h.add(2);
    expect(h.acc.hasRoom()).toBe(false);
    const room = h.acc.waitForRoom();
    h.t.runImmediates();
    await h.ackAll();
    await room;
    expect(h.acc.hasRoom()).toBe(true);
  });

  it('flush sends everything now, linger or not, and resolves when all is acknowledged', async () => {
    const h = harness({ batchSizeBytes: 1000, lingerMs: 1000, maxInFlightRequests: 5 });
    h.add(1);
    h.add(2);
    let flushed = false;
    const f = h.acc.flush().then(() => (flushed = true));
    expect(h.sent.map((b) => b.length)).toEqual([2]);
    expect(flushed).toBe(false);
    await h.ackAll();
    await f;
    expect(flushed).toBe(true);
    expect(h.t.pendingTimeouts()).toBe(0);
  });
});

describe('requestBytesFor', () => {
  it('lets a request carry one batch.size per partition, as the Java producer does, up to max.request.size', () => {
    expect(requestBytesFor(16384, 1)).toBe(16384);
    expect(requestBytesFor(16384, 3)).toBe(49152);
    expect(requestBytesFor(262144, 12)).toBe(1048576);
    expect(requestBytesFor(1, 3)).toBe(3);
    expect(requestBytesFor(2 * 1048576, 3)).toBe(2 * 1048576);
  });
});

describe('minRecordsPerRequestFor', () => {
  it('is one record per partition for unkeyed records (round-robin), one for keyed ones', () => {
    expect(minRecordsPerRequestFor(3, false)).toBe(3);
    expect(minRecordsPerRequestFor(1, false)).toBe(1);
    expect(minRecordsPerRequestFor(12, true)).toBe(1);
    expect(minRecordsPerRequestFor(0, false)).toBe(1);
  });
});
