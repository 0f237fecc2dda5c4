import { Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import { GraderError } from '../../core/errors.js';
import type { DriverFactory, OutRecord, ProducerDriver } from './driver.js';
import { KAFKAJS_COMPRESSION, registerKafkajsCodecs } from '../../stack/kafkajs-codecs.js';
import type { ClientProfile } from '../workload.js';

class KafkajsDriver implements ProducerDriver {
  readonly name = 'kafkajs';
  private readonly producer: Producer;
  private readonly compression: number;

  constructor(
    bootstrapServers: string,
    private readonly profile: ClientProfile,
    clientId: string,
  ) {
    const kafka = new Kafka({
      clientId,
      brokers: bootstrapServers.split(','),
      logLevel: logLevel.NOTHING,
      requestTimeout: 30_000,
    });
    this.producer = kafka.producer({
      idempotent: profile.idempotence,
      maxInFlightRequests: profile.maxInFlightRequests,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    this.compression = KAFKAJS_COMPRESSION[profile.compression]!;
  }

  connect(): Promise<void> {
    return this.producer.connect();
  }

  async sendBatch(records: OutRecord[]): Promise<void> {
    const byTopic = new Map<string, { key?: Buffer; value: Buffer; timestamp: string }[]>();
    for (const r of records) {
      let list = byTopic.get(r.topic);
      if (!list) byTopic.set(r.topic, (list = []));
      list.push({ key: r.key, value: r.value, timestamp: String(r.timestampMs) });
    }
    await this.producer.sendBatch({
      topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
      acks: this.profile.acks,
      compression: this.compression,
    });
  }

  close(): Promise<void> {
    return this.producer.disconnect();
  }
}

export const kafkajsFactory: DriverFactory = {
  name: 'kafkajs',
  codecs: async () => registerKafkajsCodecs(),
  async checkCodec(codec) {
    const codecs = registerKafkajsCodecs();
    if (!codecs.includes(codec as (typeof codecs)[number])) {
      throw new GraderError('MISSING_TOOL', `kafkajs has no ${codec} codec here`, {
        hint: `available: ${codecs.join(', ')}; run npm ci`,
      });
    }
  },
  async create({ bootstrapServers, profile, clientId }) {
    await this.checkCodec(profile.compression);
    return new KafkajsDriver(bootstrapServers, profile, clientId);
  },
};
