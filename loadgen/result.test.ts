import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLoadRunResult, usToMs, LOADGEN_SCHEMA_VERSION } from './result.js';
import { parsePerfTestOutput, perfTestJavaArgs, perfTestProducerProps } from './perf-test.js';
import { validateProfile } from './workload.js';

const minimal = {
  schemaVersion: LOADGEN_SCHEMA_VERSION,
  kind: 'loadgen-run',
  driver: 'kafkajs',
  workload: {},
  profile: {},
  measured: {},
  series: [],
  latencyOrigin: 'intended-send-time',
};

describe('result JSON', () => {
  it('round-trips through JSON and is accepted back', () => {
    expect(parseLoadRunResult(JSON.parse(JSON.stringify(minimal))).driver).toBe('kafkajs');
  });

  it('refuses another schema version and missing fields', () => {
    expect(() => parseLoadRunResult({ ...minimal, schemaVersion: 99 })).toThrow(/schemaVersion 99/);
    const { series: _s, ...noSeries } = minimal;
    expect(() => parseLoadRunResult(noSeries)).toThrow(/series/);
  });

  it('converts microseconds to milliseconds with two decimals', () => {
    expect(usToMs(1234)).toBe(1.23);
    expect(usToMs(null)).toBeNull();
  });
});

describe('kafka-producer-perf-test', () => {
  it('parses its summary line', () => {
    const out =
      '1000 records sent, 200.0 records/sec (0.02 MB/sec), 3.1 ms avg latency, 40.0 ms max latency.\n50000 records sent, 18573.551263 records/sec (1.77 MB/sec), 651.17 ms avg latency, 1290.00 ms max latency, 597 ms 50th, 1150 ms 95th, 1173 ms 99th, 1280 ms 99.9th.\n';
    expect(parsePerfTestOutput(out)).toEqual({
      records: 50000,
      throughputMsgPerSec: 18573.551263,
      throughputMiBPerSec: 1.77,
      avgLatencyMs: 651.17,
      maxLatencyMs: 1290,
      p50LatencyMs: 597,
      p95LatencyMs: 1150,
      p99LatencyMs: 1173,
      p999LatencyMs: 1280,
    });
  });

  it('says so when there is no summary line', () => {
    expect(() => parsePerfTestOutput('Exception in thread main')).toThrow(/no summary line/);
  });

  it('maps a profile to the Java producer properties', () => {
    const props = perfTestProducerProps(
      validateProfile({ name: 'p', acks: 'all', lingerMs: 20, batchSizeBytes: 262144, compression: 'snappy' }),
      'h:1',
    );
    expect(props).toEqual(
      expect.arrayContaining([
        'bootstrap.servers=h:1',
        'acks=all',
        'linger.ms=20',
        'batch.size=262144',
        'compression.type=snappy',
        'enable.idempotence=false',
      ]),
    );
  });

  it("runs in the JVM kafka-producer-perf-test.sh gives it (512 MB heap, G1, C2), not the brokers' C1-only flags", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kgrade-perftest-args-'));
    try {
      const args = perfTestJavaArgs(dir, ['--topic', 't']);
      expect(args).toEqual(expect.arrayContaining(['-Xmx512M', '-XX:+UseG1GC', '-XX:MaxGCPauseMillis=20']));
      expect(args.some((a) => a.startsWith('-XX:TieredStopAtLevel') || a === '-XX:+UseSerialGC')).toBe(false);
      expect(args.slice(-3)).toEqual(['org.apache.kafka.tools.ProducerPerformance', '--topic', 't']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
