import os from 'node:os';
import type { LatencySummary, SecondSample } from './latency.js';
import type { ClientProfile, WorkloadShape } from './workload.js';

/** Version of the result JSON below; bump on any incompatible change. */
export const LOADGEN_SCHEMA_VERSION = 1;

export interface EnvironmentInfo {
  node: string;
  cpus: number;
  /** 1-minute load average at the start of the run: figures taken under load are noisy. */
  loadAverage1m: number;
  kafkaVersion?: string;
}

export interface LoadRunResult {
  schemaVersion: typeof LOADGEN_SCHEMA_VERSION;
  kind: 'loadgen-run';
  startedAt: string;
  seed: number;
  driver: string;
  workload: WorkloadShape;
  profile: ClientProfile;
  environment: EnvironmentInfo;
  /**
   * Where latency is measured from: the intended send time of an open-loop (paced) schedule, or the
   * actual send time when the workload runs at 'max' (closed loop: there is no schedule to fall behind).
   */
  latencyOrigin: 'intended-send-time' | 'actual-send-time';
  histogramsEnabled: boolean;
  measured: {
    records: number;
    bytes: number;
    failedRecords: number;
    warmupRecords: number;
    durationMs: number;
    throughputMsgPerSec: number;
    throughputMiBPerSec: number;
    produceRequests: number;
    meanRecordsPerRequest: number;
    /** Measured records still unacknowledged when the run ended (timeouts). */
    unfinishedRecords: number;
  };
  /** ack time - intended send time. */
  publishLatency: LatencySummary | null;
  /** actual send call - intended send time (how late the generator or a full buffer made each send). */
  publishDelay: LatencySummary | null;
  /** consumer receive time - intended send time (epoch clocks of the same machine). */
  endToEndLatency: LatencySummary | null;
  series: SecondSample[];
}

export function environmentInfo(kafkaVersion?: string): EnvironmentInfo {
  return {
    node: process.versions.node,
    cpus: os.cpus().length,
    loadAverage1m: Math.round(os.loadavg()[0]! * 100) / 100,
    ...(kafkaVersion ? { kafkaVersion } : {}),
  };
}

const REQUIRED: (keyof LoadRunResult)[] = [
  'schemaVersion',
  'kind',
  'driver',
  'workload',
  'profile',
  'measured',
  'series',
  'latencyOrigin',
];

/** Checks a parsed result file (e.g. one read back for a report). Pure. */
export function parseLoadRunResult(doc: unknown): LoadRunResult {
  if (!doc || typeof doc !== 'object') throw new Error('a loadgen result must be a JSON object');
  const r = doc as Partial<LoadRunResult>;
  if (r.schemaVersion !== LOADGEN_SCHEMA_VERSION)
    throw new Error(
      `unsupported loadgen result schemaVersion ${String(r.schemaVersion)} (this kgrade reads ${LOADGEN_SCHEMA_VERSION})`,
    );
  for (const k of REQUIRED) if (r[k] === undefined) throw new Error(`loadgen result lacks '${k}'`);
  return r as LoadRunResult;
}

export const usToMs = (us: number | null | undefined) => (us == null ? null : Math.round(us / 10) / 100);
