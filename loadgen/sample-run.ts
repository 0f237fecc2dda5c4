import { LOADGEN_SCHEMA_VERSION, type LoadRunResult } from './result.js';
import { validateProfile, validateShape } from './workload.js';

/** A small load run, for the renderers' tests. */
export const shape = validateShape({
  name: 'w<1>',
  payload: { kind: 'random-bytes', sizeBytes: 100 },
  rateMsgPerSec: 'max',
  durationSec: 1,
});
export const profile = validateProfile({ name: 'acks1', acks: 1 });
export const run: LoadRunResult = {
  schemaVersion: LOADGEN_SCHEMA_VERSION,
  kind: 'loadgen-run',
  startedAt: '2026-01-01T00:00:00Z',
  seed: 1,
  driver: 'kafkajs',
  workload: shape,
  profile,
  environment: { node: '20', cpus: 2, loadAverage1m: 1 },
  latencyOrigin: 'actual-send-time',
  histogramsEnabled: true,
  measured: {
    records: 10,
    bytes: 1000,
    failedRecords: 0,
    warmupRecords: 0,
    durationMs: 1000,
    throughputMsgPerSec: 10,
    throughputMiBPerSec: 0,
    produceRequests: 1,
    meanRecordsPerRequest: 10,
    unfinishedRecords: 0,
  },
  publishLatency: {
    count: 10,
    meanUs: 1000,
    p50Us: 900,
    p90Us: 1500,
    p99Us: 2000,
    p999Us: 2000,
    maxUs: 2000,
    curve: [
      { percentile: 0, valueUs: 100 },
      { percentile: 50, valueUs: 900 },
      { percentile: 99, valueUs: 2000 },
      { percentile: 100, valueUs: 2000 },
    ],
  },
  publishDelay: null,
  endToEndLatency: null,
  series: [
    {
      second: 0,
      warmup: false,
      ackedRecords: 10,
      ackedBytes: 1000,
      failedRecords: 0,
      p50PublishLatencyUs: 900,
      p99PublishLatencyUs: 2000,
      maxPublishLatencyUs: 2000,
    },
  ],
};
