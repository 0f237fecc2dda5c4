import { Producer, ProduceAcks } from '@platformatic/kafka';
import { GraderError } from '../../core/errors.js';
import type { DriverFactory, OutRecord, ProducerDriver } from './driver.js';
import type { ClientProfile } from '../workload.js';
import { ensurePlatformaticZstd } from './platformatic-zstd.js';

/** @platformatic/kafka: a pure-JavaScript client (wasm snappy/lz4; zstd from node:zlib on Node >= 22.15, else platformatic-zstd.ts). */
class PlatformaticDriver implements ProducerDriver {
  readonly name = 'platformatic';
  private readonly producer: Producer<Buffer, Buffer, Buffer, Buffer>;

  constructor(
    bootstrapServers: string,
    private readonly profile: ClientProfile,
    clientId: string,
  ) {
    this.producer = new Producer({
      clientId,
      bootstrapBrokers: bootstrapServers.split(','),
      acks: profile.acks === -1 ? ProduceAcks.ALL : profile.acks === 1 ? ProduceAcks.LEADER : ProduceAcks.NO_RESPONSE,
      idempotent: profile.idempotence,
      autocreateTopics: false,
      ...(profile.compression !== 'none' ? { compression: profile.compression } : {}),
      timeout: 30_000,
    });
  }

  async connect(): Promise<void> {
    if (this.profile.idempotence) await this.producer.initIdempotentProducer({});
  }

  async sendBatch(records: OutRecord[]): Promise<void> {
    await this.producer.send({
      messages: records.map((r) => ({ topic: r.topic, key: r.key, value: r.value, timestamp: BigInt(r.timestampMs) })),
    });
  }

  close(): Promise<void> {
    return this.producer.close();
  }
}

export const platformaticFactory: DriverFactory = {
  name: 'platformatic',
  async codecs() {
    return ['none', 'gzip', 'snappy', 'lz4', ...(ensurePlatformaticZstd().ok ? ['zstd'] : [])];
  },
  async checkCodec(codec) {
    const codecs = await this.codecs();
    if (codecs.includes(codec)) return;
    const zstd = ensurePlatformaticZstd();
    throw new GraderError(
      'MISSING_TOOL',
      `@platformatic/kafka cannot write ${codec} on Node ${process.versions.node}${zstd.ok ? '' : `: ${zstd.reason}`}`,
      { hint: `available: ${codecs.join(', ')}; or --driver kafkajs` },
    );
  },
  async create({ bootstrapServers, profile, clientId }) {
    await this.checkCodec(profile.compression);
    return new PlatformaticDriver(bootstrapServers, profile, clientId);
  },
};
