import kafkajs from 'kafkajs';
import type { StartedKafkaStack } from '../../stack/started-stack.js';

// Not among the names Node's ESM loader detects in kafkajs's CommonJS exports.
const { ConfigResourceTypes } = kafkajs;

export async function topicExists(stack: StartedKafkaStack, topic: string): Promise<boolean> {
  const admin = await stack.admin();
  return (await admin.listTopics()).includes(topic);
}

export interface TopicConfigEntry {
  value: string;
  /** True when the topic does not set it (the broker's default applies). */
  isDefault: boolean;
}

/** The named configuration entries of a topic, as the brokers describe them (names the broker omits are absent). */
export async function topicConfigs(stack: StartedKafkaStack, topic: string, names: string[]): Promise<Record<string, TopicConfigEntry>> {
  const admin = await stack.admin();
  const cfg = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: names }] });
  return Object.fromEntries((cfg.resources[0]?.configEntries ?? []).map((e) => [e.configName, { value: e.configValue, isDefault: e.isDefault }]));
}

/** The named entries the topic sets itself (not the broker's defaults): what a solution configured. */
export async function topicOverrides(stack: StartedKafkaStack, topic: string, names: string[]): Promise<Record<string, string>> {
  const entries = await topicConfigs(stack, topic, names);
  return Object.fromEntries(Object.entries(entries).filter(([, e]) => !e.isDefault).map(([n, e]) => [n, e.value]));
}
