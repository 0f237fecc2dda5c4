/**
 * Open-loop schedule: record i is due at `startMs + i * 1000 / rate`, whatever happened to earlier records.
 * Latency is measured from that intended time, so a stalled client or broker shows up as latency of every
 * record that should have gone out meanwhile (the coordinated-omission-safe method of OpenMessaging
 * Benchmark and wrk2). Pure: the caller supplies the clock.
 */
export class RateSchedule {
  private readonly intervalMs: number;

  constructor(
    readonly startMs: number,
    readonly ratePerSec: number,
  ) {
    if (!(ratePerSec > 0)) throw new RangeError(`rate must be positive, got ${ratePerSec}`);
    this.intervalMs = 1000 / ratePerSec;
  }

  /** Intended send time of record `index` (0-based), in the same clock as `startMs`. */
  intendedMs(index: number): number {
    return this.startMs + index * this.intervalMs;
  }

  /** How many records (indexes 0..n-1) are due at `nowMs`. */
  dueCount(nowMs: number): number {
    if (nowMs < this.startMs) return 0;
    return Math.floor((nowMs - this.startMs) / this.intervalMs + 1e-9) + 1;
  }

  /** Milliseconds from `nowMs` until record `index` is due (0 when it already is). */
  waitMs(index: number, nowMs: number): number {
    return Math.max(0, this.intendedMs(index) - nowMs);
  }
}
