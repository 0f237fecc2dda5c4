import * as hdr from 'hdr-histogram-js';

/**
 * Latency accounting for one run. Times are milliseconds of one monotonic clock (performance.now()), except
 * end-to-end, which compares the record's timestamp (the intended send time, in epoch ms) with the epoch
 * clock at the consumer. Values are recorded in microseconds.
 *
 * Coordinated omission is handled once, at the source: the open-loop generator gives every record an
 * intended send time and latency is taken from it. Nothing here calls `recordValueWithExpectedInterval`
 * (HdrHistogram's after-the-fact correction): applying it on top would count the same stall twice.
 * Pure apart from allocating histograms: every timestamp comes from the caller.
 */
export type HistogramKind = 'publishLatency' | 'publishDelay' | 'endToEnd';

export interface PercentilePoint {
  percentile: number;
  valueUs: number;
}

export interface LatencySummary {
  count: number;
  meanUs: number;
  p50Us: number;
  p90Us: number;
  p99Us: number;
  p999Us: number;
  maxUs: number;
  /** Points of the percentile curve (for the HTML chart). */
  curve: PercentilePoint[];
}

export interface SecondSample {
  /** Second since the run started (by ack time). */
  second: number;
  warmup: boolean;
  ackedRecords: number;
  ackedBytes: number;
  failedRecords: number;
  p50PublishLatencyUs: number | null;
  p99PublishLatencyUs: number | null;
  maxPublishLatencyUs: number | null;
}

export const CURVE_PERCENTILES = [0, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 99.999, 100];

const newHistogram = (digits: 2 | 3 = 3) =>
  hdr.build({
    bitBucketSize: 64,
    autoResize: true,
    lowestDiscernibleValue: 1,
    highestTrackableValue: 120_000_000,
    numberOfSignificantValueDigits: digits,
    useWebAssembly: false,
  });

const toUs = (ms: number) => Math.max(1, Math.round(ms * 1000));

export function summarize(h: hdr.Histogram | undefined): LatencySummary | null {
  if (!h || h.totalCount === 0) return null;
  return {
    count: h.totalCount,
    meanUs: Math.round(h.mean),
    p50Us: h.getValueAtPercentile(50),
    p90Us: h.getValueAtPercentile(90),
    p99Us: h.getValueAtPercentile(99),
    p999Us: h.getValueAtPercentile(99.9),
    maxUs: h.maxValue,
    curve: CURVE_PERCENTILES.map((percentile) => ({ percentile, valueUs: h.getValueAtPercentile(percentile) })),
  };
}

interface SecondBucket {
  ackedRecords: number;
  ackedBytes: number;
  failedRecords: number;
  warmup: boolean;
  latency?: hdr.Histogram;
}

export interface AccountingOptions {
  /** Start of the run (monotonic ms). */
  runStartMs: number;
  /** Records whose intended send time is before this are warm-up: counted in the series, not in histograms. */
  measureFromMs: number;
  /** Same instant in epoch ms, for end-to-end (record timestamps are epoch ms). */
  measureFromEpochMs: number;
  /** false = count only (to measure what the histograms themselves cost). */
  histograms: boolean;
  /** Record publish delay (paced runs); a closed-loop run sends when it decides to, so its delay is 0 by construction. */
  recordDelay?: boolean;
}

export class LatencyAccounting {
  private readonly h = new Map<HistogramKind, hdr.Histogram>();
  private readonly seconds: SecondBucket[] = [];
  measuredRecords = 0;
  measuredBytes = 0;
  failedRecords = 0;
  warmupRecords = 0;
  firstMeasuredAckMs: number | undefined;
  lastMeasuredAckMs: number | undefined;
  firstMeasuredIntendedMs: number | undefined;

  constructor(readonly opts: AccountingOptions) {
    if (opts.histograms)
      for (const k of ['publishLatency', 'publishDelay', 'endToEnd'] as const)
        if (k !== 'publishDelay' || opts.recordDelay !== false) this.h.set(k, newHistogram());
  }

  isWarmup(intendedMs: number): boolean {
    return intendedMs < this.opts.measureFromMs;
  }

  /** The client accepted record (the send call happened) at `actualMs`; it was due at `intendedMs`. */
  onSent(intendedMs: number, actualMs: number): void {
    if (this.isWarmup(intendedMs)) return;
    this.firstMeasuredIntendedMs ??= intendedMs;
    this.h.get('publishDelay')?.recordValue(toUs(actualMs - intendedMs));
  }

  /** The broker acknowledged (or refused, `ok` false) the record at `ackMs`. */
  onAck(intendedMs: number, ackMs: number, bytes: number, ok: boolean): void {
    const warmup = this.isWarmup(intendedMs);
    const b = this.bucket(ackMs, warmup);
    if (!ok) {
      b.failedRecords++;
      if (!warmup) this.failedRecords++;
      return;
    }
    b.ackedRecords++;
    b.ackedBytes += bytes;
    if (warmup) {
      this.warmupRecords++;
      return;
    }
    this.measuredRecords++;
    this.measuredBytes += bytes;
    this.firstMeasuredAckMs ??= ackMs;
    this.lastMeasuredAckMs = ackMs;
    if (this.opts.histograms) {
      const us = toUs(ackMs - intendedMs);
      this.h.get('publishLatency')!.recordValue(us);
      // Per-second curves need less resolution: 2 digits keeps these small and cheap to fill.
      (b.latency ??= newHistogram(2)).recordValue(us);
    }
  }

  /** A consumer received a record whose timestamp (intended send time, epoch ms) is `recordTimestampMs`. */
  onConsumed(recordTimestampMs: number, receivedEpochMs: number): void {
    if (recordTimestampMs < this.opts.measureFromEpochMs) return;
    this.h.get('endToEnd')?.recordValue(toUs(receivedEpochMs - recordTimestampMs));
  }

  private bucket(ackMs: number, warmup: boolean): SecondBucket {
    const s = Math.max(0, Math.floor((ackMs - this.opts.runStartMs) / 1000));
    while (this.seconds.length <= s)
      this.seconds.push({ ackedRecords: 0, ackedBytes: 0, failedRecords: 0, warmup: true });
    const b = this.seconds[s]!;
    if (!warmup) b.warmup = false;
    return b;
  }

  summary(kind: HistogramKind): LatencySummary | null {
    return summarize(this.h.get(kind));
  }

  series(): SecondSample[] {
    return this.seconds.map((b, second) => ({
      second,
      warmup: b.warmup,
      ackedRecords: b.ackedRecords,
      ackedBytes: b.ackedBytes,
      failedRecords: b.failedRecords,
      p50PublishLatencyUs: b.latency ? b.latency.getValueAtPercentile(50) : null,
      p99PublishLatencyUs: b.latency ? b.latency.getValueAtPercentile(99) : null,
      maxPublishLatencyUs: b.latency ? b.latency.maxValue : null,
    }));
  }

  /** Measured throughput: measured acks over the span from the first measured intended send to the last ack. */
  throughput(): { msgPerSec: number; bytesPerSec: number; spanMs: number } {
    if (
      this.firstMeasuredIntendedMs === undefined ||
      this.lastMeasuredAckMs === undefined ||
      this.measuredRecords === 0
    )
      return { msgPerSec: 0, bytesPerSec: 0, spanMs: 0 };
    const spanMs = Math.max(1e-3, this.lastMeasuredAckMs - this.firstMeasuredIntendedMs);
    return {
      msgPerSec: (this.measuredRecords * 1000) / spanMs,
      bytesPerSec: (this.measuredBytes * 1000) / spanMs,
      spanMs,
    };
  }
}
