import type { ClientProfile } from '../workload.js';

/** One record handed to a driver. `timestampMs` is the intended send time (epoch ms): the consumer's
 * end-to-end latency is taken from it, so no header is added and sizes match kafka-producer-perf-test. */
export interface OutRecord {
  topic: string;
  key?: Buffer;
  value: Buffer;
  timestampMs: number;
}

/**
 * The small interface every Kafka client sits behind. Batching and linger are done by the load generator
 * (loadgen/accumulator.ts) for every driver alike, because neither kafkajs nor @platformatic/kafka has a
 * Java-style record accumulator: one `sendBatch` is one produce call of the client.
 */
export interface ProducerDriver {
  readonly name: string;
  connect(): Promise<void>;
  /** Resolves when the broker acknowledged every record (or right after the write with acks=0). */
  sendBatch(records: OutRecord[]): Promise<void>;
  close(): Promise<void>;
}

export interface DriverFactory {
  readonly name: string;
  /** Which codecs this driver can write here (some need a package that may be missing). */
  codecs(): Promise<string[]>;
  /** Throws the driver's refusal (a `MISSING_TOOL` naming the package and the fix) when it cannot write `codec` here. */
  checkCodec(codec: string): Promise<void>;
  create(opts: { bootstrapServers: string; profile: ClientProfile; clientId: string }): Promise<ProducerDriver>;
}
