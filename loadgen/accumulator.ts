import type { OutRecord } from './drivers/driver.js';

export interface AccumulatorOptions {
  batchSizeBytes: number;
  /**
   * A request takes this many waiting records whatever their size (within max.request.size): Java's batch of a
   * partition holds at least one record, however small batch.size is, and a request carries one batch of every
   * ready partition. 1 when absent.
   */
  minRecordsPerRequest?: number;
  lingerMs: number;
  maxInFlightRequests: number;
  bufferMemoryBytes: number;
}

/** A record waiting in the accumulator; it is itself the OutRecord handed to the driver (one object per record). */
export interface Pending extends OutRecord {
  bytes: number;
  /** When the record was due (performance.now() ms); the accumulator only carries it back. */
  intendedMs: number;
}

/** Told once per request when the broker acknowledged (or refused) every record of it. */
export type BatchDone = (batch: readonly Pending[], ok: boolean, error?: unknown) => void;

/** Java's max.request.size default: no request carries more. */
export const MAX_REQUEST_BYTES = 1024 * 1024;

/**
 * The accumulator's request bound for a profile on `partitions` partitions. Java's batch.size is per partition and
 * one request carries a batch of every ready partition (up to max.request.size), so a request may hold
 * batch.size x partitions; bounding the whole request by batch.size gave kgrade a third of Java's request on a
 * 3-partition topic. Pure.
 */
export function requestBytesFor(batchSizeBytes: number, partitions: number): number {
  return Math.max(batchSizeBytes, Math.min(batchSizeBytes * Math.max(1, partitions), MAX_REQUEST_BYTES));
}

/**
 * How many records a request takes whatever batch.size says. The Java producer sends, per request, one batch of
 * every partition with records waiting, and a batch holds at least one record: with batch.size=1 (the naive
 * profile) kafka-producer-perf-test sends one record per partition per request (records-per-request-avg 2.996 on
 * 3 partitions, 1.000 on 1). Unkeyed records go round-robin, so `partitions` consecutive records are on distinct
 * partitions, as Java's batches are. Keyed records may share a partition, where Java would need a second
 * request: then 1, never more than Java. Pure.
 */
export function minRecordsPerRequestFor(partitions: number, keyed: boolean): number {
  return keyed ? 1 : Math.max(1, partitions);
}

/** Timer hooks, so tests drive time by hand. */
export interface Timers {
  immediate(fn: () => void): void;
  after(ms: number, fn: () => void): { cancel(): void };
}

export const realTimers: Timers = {
  immediate: (fn) => void setImmediate(fn),
  after: (ms, fn) => {
    const t = setTimeout(fn, ms);
    return { cancel: () => clearTimeout(t) };
  },
};

/**
 * Java-producer-like batching in front of any driver: records wait until a request's worth
 * (`batchSizeBytes`) is ready or the oldest waited `lingerMs`; at most `maxInFlightRequests` requests are
 * outstanding; while they are, records keep accumulating (so batches grow under load, as in Java).
 * `hasRoom()` is false once `bufferMemoryBytes` are waiting or in flight: the sender then waits, and that
 * wait shows as publish delay.
 */
export class Accumulator {
  /** Waiting records are queue[head..]: taking a batch moves `head` instead of shifting the array. */
  private queue: Pending[] = [];
  private head = 0;
  private queuedBytes = 0;
  private inFlight = 0;
  private inFlightBytes = 0;
  private timer: { cancel(): void } | undefined;
  private drainScheduled = false;
  private idleWaiters: Array<() => void> = [];
  private roomWaiters: Array<() => void> = [];
  requests = 0;

  constructor(
    private readonly opts: AccumulatorOptions,
    private readonly send: (records: OutRecord[]) => Promise<void>,
    private readonly onBatchDone: BatchDone,
    private readonly timers: Timers = realTimers,
  ) {}

  hasRoom(): boolean {
    return this.queuedBytes + this.inFlightBytes < this.opts.bufferMemoryBytes;
  }

  waitForRoom(): Promise<void> {
    if (this.hasRoom()) return Promise.resolve();
    return new Promise((resolve) => this.roomWaiters.push(resolve));
  }

  add(p: Pending): void {
    this.queue.push(p);
    this.queuedBytes += p.bytes;
    if (this.queuedBytes >= this.opts.batchSizeBytes) this.drain();
    else if (this.opts.lingerMs === 0) this.scheduleDrain();
    else this.armLinger();
  }

  /** Sends everything now (Java's flush()) and resolves when nothing is queued or in flight. */
  flush(): Promise<void> {
    this.flushing = true;
    this.drain();
    if (this.waiting === 0 && this.inFlight === 0) {
      this.flushing = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Drops the records still waiting (not those in flight) and returns how many: a run that ends before its queue
   * drained must not leave them behind. Left there, they went on being handed to the closed driver after the run,
   * each failing in turn, and the next run in the same process saw 11 s without an ack (bytes-100b naive, the
   * first measured run after the priming run, which ends at the flush cap); with them dropped, no such gap.
   */
  discardQueued(): number {
    const n = this.waiting;
    this.queue = [];
    this.head = 0;
    this.queuedBytes = 0;
    this.timer?.cancel();
    this.timer = undefined;
    this.lingerElapsed = false;
    if (this.hasRoom()) for (const w of this.roomWaiters.splice(0)) w();
    if (this.inFlight === 0) {
      this.flushing = false;
      for (const w of this.idleWaiters.splice(0)) w();
    }
    return n;
  }

  private flushing = false;
  private lingerElapsed = false;

  private armLinger(): void {
    if (this.timer || this.lingerElapsed) return;
    this.timer = this.timers.after(this.opts.lingerMs, () => {
      this.timer = undefined;
      this.lingerElapsed = true;
      this.drain();
    });
  }

  private scheduleDrain(): void {
    if (this.drainScheduled) return;
    this.drainScheduled = true;
    this.timers.immediate(() => {
      this.drainScheduled = false;
      this.drain();
    });
  }

  private get waiting(): number {
    return this.queue.length - this.head;
  }

  /** Takes at most one request's worth (at least one record, at least minRecordsPerRequest when they fit in max.request.size) off the queue. */
  private takeBatch(): { batch: Pending[]; bytes: number } {
    let bytes = 0;
    let end = this.head;
    const minEnd = this.head + (this.opts.minRecordsPerRequest ?? 1);
    while (end < this.queue.length) {
      const next = bytes + this.queue[end]!.bytes;
      const fits = end === this.head || next <= this.opts.batchSizeBytes || (end < minEnd && next <= MAX_REQUEST_BYTES);
      if (!fits) break;
      bytes += this.queue[end]!.bytes;
      end++;
    }
    const batch = this.queue.slice(this.head, end);
    this.head = end;
    // Small records at full speed queue hundreds of thousands: compact now and then, never per batch.
    if (this.head === this.queue.length) {
      this.queue = [];
      this.head = 0;
    } else if (this.head > 65_536 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    this.queuedBytes -= bytes;
    return { batch, bytes };
  }

  private drain(): void {
    while (this.waiting > 0 && this.inFlight < this.opts.maxInFlightRequests) {
      const ready =
        this.flushing || this.opts.lingerMs === 0 || this.lingerElapsed || this.queuedBytes >= this.opts.batchSizeBytes;
      if (!ready) break;
      const { batch, bytes } = this.takeBatch();
      this.inFlight++;
      this.inFlightBytes += bytes;
      this.requests++;
      this.send(batch).then(
        () => this.done(batch, bytes, true),
        (e: unknown) => this.done(batch, bytes, false, e),
      );
    }
    if (this.waiting === 0) {
      this.lingerElapsed = false;
      this.timer?.cancel();
      this.timer = undefined;
    } else if (this.opts.lingerMs > 0) this.armLinger();
  }

  private done(batch: Pending[], bytes: number, ok: boolean, error?: unknown): void {
    this.inFlight--;
    this.inFlightBytes -= bytes;
    this.onBatchDone(batch, ok, error);
    if (this.waiting > 0) this.drain();
    if (this.hasRoom()) for (const w of this.roomWaiters.splice(0)) w();
    if (this.waiting === 0 && this.inFlight === 0) {
      this.flushing = false;
      for (const w of this.idleWaiters.splice(0)) w();
    }
  }
}
