import { describe, expect, it } from 'vitest';
import { CLIENT_SETTINGS, settingFix, type ClientSetting } from './client-settings.js';
import { detectKafkaClients, type ClientFamily } from './kafka-client.js';

const FAMILIES: ClientFamily[] = ['kafkajs', 'java', 'librdkafka', 'franz-go', 'sarama', 'kafka-go', 'kafka-python'];

describe("a setting in the solution's client's words", () => {
  it('every setting has words for every client family, in both languages', () => {
    for (const [setting, words] of Object.entries(CLIENT_SETTINGS)) {
      expect(Object.keys(words).sort(), setting).toEqual([...FAMILIES].sort());
      for (const f of FAMILIES) {
        expect(words[f].fr.length, `${setting} ${f} fr`).toBeGreaterThan(5);
        expect(words[f].en.length, `${setting} ${f} en`).toBeGreaterThan(5);
      }
    }
  });

  it("gives librdkafka's property names to a confluent-kafka solution", () => {
    const clients = detectKafkaClients({ 'requirements.txt': 'confluent-kafka==2.5.0\n' });
    const cases: [ClientSetting, string][] = [
      ['acks-all', "'acks': 'all'"],
      ['idempotence', "'enable.idempotence': true"],
      ['compression', "'compression.type': 'snappy'"],
      ['commit-after-processing', "'enable.auto.commit': false"],
      ['custom-partitioner', 'produce(..., partition=p)'],
      ['batching', "'linger.ms'"],
      ['replicated-topic', "config={'min.insync.replicas': '2'}"],
      ['wait-for-ack', 'flush()'],
      ['bounded-send', "'message.timeout.ms'"],
    ];
    for (const [setting, words] of cases) {
      expect(settingFix(setting, clients).en).toBe(
        ` The solution declares confluent-kafka (librdkafka, requirements.txt): ${CLIENT_SETTINGS[setting].librdkafka.en}.`,
      );
      expect(settingFix(setting, clients).en).toContain(words);
    }
    expect(settingFix('acks-all', clients).fr).toContain(
      'La solution déclare confluent-kafka (librdkafka, requirements.txt) :',
    );
  });

  it("gives the Java client's config names to a Spring solution and kafkajs's options to a kafkajs one", () => {
    const spring = detectKafkaClients({ 'pom.xml': '<artifactId>spring-kafka</artifactId>' });
    expect(settingFix('idempotence', spring).en).toContain(
      'enable.idempotence=true (ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG',
    );
    expect(settingFix('custom-partitioner', spring).en).toContain('partitioner.class');
    const js = detectKafkaClients({ 'package.json': '{"dependencies": {"kafkajs": "^2.2.4"}}' });
    expect(settingFix('idempotence', js).en).toContain('kafka.producer({ idempotent: true })');
    expect(settingFix('compression', js).en).toContain('CompressionTypes.GZIP');
  });

  it('names every declared client, and nothing when none was read', () => {
    const both = detectKafkaClients({
      'package.json': '{"dependencies": {"kafkajs": "2"}}',
      'go.mod': 'require github.com/twmb/franz-go v1.17.0',
    });
    const fix = settingFix('acks-all', both).en;
    expect(fix).toContain('kafkajs (package.json): producer.send({ topic, acks: -1');
    expect(fix).toContain('; github.com/twmb/franz-go (franz-go, go.mod): kgo.RequiredAcks(kgo.AllISRAcks())');
    expect(settingFix('acks-all', [])).toEqual({ fr: '', en: '' });
    expect(settingFix('acks-all', undefined)).toEqual({ fr: '', en: '' });
  });
});
