import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeClient, detectKafkaClients, solutionKafkaClients } from './kafka-client.js';

describe('the Kafka client a solution declares', () => {
  it('reads Node, JVM, Python, Go and Rust dependency files', () => {
    expect(detectKafkaClients({ 'package.json': '{"dependencies": {"kafkajs": "^2.2.4"}}' })).toEqual([
      { family: 'kafkajs', library: 'kafkajs', file: 'package.json' },
    ]);
    expect(
      detectKafkaClients({ 'package.json': '{"dependencies": {"@confluentinc/kafka-javascript": "1.0.0"}}' })[0]
        ?.family,
    ).toBe('librdkafka');
    expect(detectKafkaClients({ 'pom.xml': '<artifactId>spring-kafka</artifactId>' })[0]).toMatchObject({
      family: 'java',
      library: 'spring-kafka',
    });
    expect(
      detectKafkaClients({ 'build.gradle.kts': 'implementation("org.apache.kafka:kafka-clients:3.9.0")' })[0],
    ).toMatchObject({ family: 'java', library: 'kafka-clients' });
    expect(detectKafkaClients({ 'requirements.txt': 'fastavro==1.9\nconfluent-kafka[avro]>=2.5\n' })[0]).toMatchObject({
      family: 'librdkafka',
      library: 'confluent-kafka',
    });
    expect(detectKafkaClients({ 'requirements.txt': 'confluent_kafka\n' })[0]?.family).toBe('librdkafka');
    expect(detectKafkaClients({ 'pyproject.toml': 'dependencies = ["kafka-python>=2.0"]' })[0]?.family).toBe(
      'kafka-python',
    );
    expect(detectKafkaClients({ 'go.mod': 'require github.com/twmb/franz-go v1.17.0' })[0]?.family).toBe('franz-go');
    expect(
      detectKafkaClients({ 'go.mod': 'require github.com/confluentinc/confluent-kafka-go/v2 v2.5.0' })[0]?.family,
    ).toBe('librdkafka');
    expect(detectKafkaClients({ 'go.mod': 'require github.com/IBM/sarama v1.43.0' })[0]?.family).toBe('sarama');
    expect(detectKafkaClients({ 'Cargo.toml': '[dependencies]\nrdkafka = "0.36"' })[0]?.family).toBe('librdkafka');
  });
  it("reads a pip install in kgrade.json's build command", () => {
    expect(
      detectKafkaClients({
        'kgrade.json':
          '{"runner": "command", "build": "python3 -m venv .venv && .venv/bin/pip install confluent-kafka"}',
      })[0]?.library,
    ).toBe('confluent-kafka');
  });
  it('does not take a longer name for the client', () => {
    expect(detectKafkaClients({ 'requirements.txt': 'confluent-kafka-helpers==1\n' })).toEqual([]);
    expect(detectKafkaClients({ 'package.json': '{"dependencies": {"kafkajs-snappy": "1"}}' })).toEqual([]);
    expect(detectKafkaClients({ 'README.md': 'kafkajs' })).toEqual([]);
  });
  it('lists each family once, in file order', () => {
    const both = detectKafkaClients({
      'package.json': '{"dependencies": {"kafkajs": "2", "node-rdkafka": "3"}}',
      'requirements.txt': 'confluent-kafka\n',
    });
    expect(both.map((c) => `${c.family}:${c.file}`)).toEqual(['kafkajs:package.json', 'librdkafka:package.json']);
  });
  it('names what it read', () => {
    expect(describeClient({ family: 'librdkafka', library: 'confluent-kafka', file: 'requirements.txt' })).toBe(
      'confluent-kafka (librdkafka, requirements.txt)',
    );
    expect(describeClient({ family: 'kafkajs', library: 'kafkajs', file: 'package.json' })).toBe(
      'kafkajs (package.json)',
    );
  });
  it("reads a folder's files", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kgrade-client-'));
    fs.writeFileSync(path.join(dir, 'requirements.txt'), 'confluent-kafka==2.6.1\n');
    expect(solutionKafkaClients(dir)).toEqual([
      { family: 'librdkafka', library: 'confluent-kafka', file: 'requirements.txt' },
    ]);
    fs.rmSync(dir, { recursive: true });
  });
});
