import kafkajs from 'kafkajs';
import type { StartedKafkaStack } from '../../stack/started-stack.js';

// Not among the names Node's ESM loader detects in kafkajs's CommonJS exports.
const { ConfigResourceTypes } = kafkajs;

export async function topicExists(stack: StartedKafkaStack, topic: string): Promise<boolean> {
  // Not one broker's word: the broker asked may not have applied a creation that just happened (a solution's setup
  // role that exited a moment ago). Every broker is asked, for a few seconds before the topic is called missing.
  return stack.topicListed(topic);
}

export interface TopicConfigEntry {
  value: string;
  /** True when the topic does not set it (the broker's default applies). */
  isDefault: boolean;
}

/** The named configuration entries of a topic, as the brokers describe them (names the broker omits are absent). */
export async function topicConfigs(
  stack: StartedKafkaStack,
  topic: string,
  names: string[],
): Promise<Record<string, TopicConfigEntry>> {
  const admin = await stack.admin();
  const cfg = await admin.describeConfigs({
    includeSynonyms: false,
    resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: names }],
  });
  return Object.fromEntries(
    (cfg.resources[0]?.configEntries ?? []).map((e) => [
      e.configName,
      { value: e.configValue, isDefault: e.isDefault },
    ]),
  );
}

/** A topic as the brokers describe it: each partition's replicas, and the configuration entries asked for. */
export interface TopicDescription {
  topic: string;
  partitions: { partition: number; replicas: number[] }[];
  configs: Record<string, TopicConfigEntry>;
}

/** The topic's partitions and the named configuration entries, or undefined when the topic does not exist. */
export async function describeTopic(
  stack: StartedKafkaStack,
  topic: string,
  configNames: string[],
): Promise<TopicDescription | undefined> {
  if (!(await topicExists(stack, topic))) return undefined;
  const md = await (await stack.admin()).fetchTopicMetadata({ topics: [topic] });
  const partitions = (md.topics[0]?.partitions ?? []).map((p) => ({ partition: p.partitionId, replicas: p.replicas }));
  return { topic, partitions, configs: await topicConfigs(stack, topic, configNames) };
}

/** The entries a described topic sets itself (not the broker's defaults): what a solution configured. */
export function overridesOf(t: TopicDescription): Record<string, string> {
  return Object.fromEntries(
    Object.entries(t.configs)
      .filter(([, e]) => !e.isDefault)
      .map(([n, e]) => [n, e.value]),
  );
}
