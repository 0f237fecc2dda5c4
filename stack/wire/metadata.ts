import type { metadataV12 } from '@platformatic/kafka';
import { platformaticKafka } from './platformatic.js';
import { answerWithErrors, withBroker } from './broker-connection.js';

/**
 * The cluster's metadata as one broker holds it (Metadata v12, @platformatic/kafka's request and parser), for
 * the grader's observers: which brokers are alive (registered and unfenced) and the leader, replicas and ISR
 * of partitions.
 *
 * Why not a client's metadata call (kafkajs's, or @platformatic/kafka's `Admin.metadata`): both throw for a
 * whole answer as soon as one partition in it has an error, and kafkajs asks for all topics when given none.
 * With a broker down, a topic of replication factor 1 on it has a leaderless partition (LEADER_NOT_AVAILABLE),
 * which would hide both a healed cluster and the state of the other partitions. Here a partition without a
 * leader is data (leader -1), never an exception, and a request names exactly the topics it asks about.
 */
export interface PartitionMetadata {
  partition: number;
  /** Kafka error code of the partition (0: none; 5: LEADER_NOT_AVAILABLE). */
  errorCode: number;
  leader: number;
  replicas: number[];
  isr: number[];
}

export interface TopicMetadata {
  name: string;
  /** The topic's id (what Fetch v13+ names topics by). */
  topicId: string;
  /** 0, or e.g. 3 (UNKNOWN_TOPIC_OR_PARTITION). */
  errorCode: number;
  partitions: PartitionMetadata[];
}

export interface ClusterMetadata {
  brokers: { nodeId: number; host: string; port: number }[];
  controllerId: number;
  clusterId: string | null;
  topics: TopicMetadata[];
}

/** The observers' view of a Metadata answer. Pure. */
export function clusterMetadataOf(r: metadataV12.MetadataResponse): ClusterMetadata {
  return {
    brokers: r.brokers.map(({ nodeId, host, port }) => ({ nodeId, host, port })),
    controllerId: r.controllerId,
    clusterId: r.clusterId ?? null,
    topics: r.topics.map((t) => ({
      name: t.name ?? '',
      topicId: t.topicId,
      errorCode: t.errorCode,
      partitions: t.partitions
        .map((p) => ({
          partition: p.partitionIndex,
          errorCode: p.errorCode,
          leader: p.leaderId,
          replicas: p.replicaNodes,
          isr: p.isrNodes,
        }))
        .sort((a, b) => a.partition - b.partition),
    })),
  };
}

/** Kafka's error code for a topic the broker does not know (a deleted topic, once its deletion reached that broker). */
export const UNKNOWN_TOPIC_OR_PARTITION = 3;

/** The topics among `topics` this broker's answer still lists (any answer but "unknown", leaderless included). Pure. */
export function topicsStillListed(md: ClusterMetadata, topics: string[]): string[] {
  return md.topics
    .filter((t) => topics.includes(t.name) && t.errorCode !== UNKNOWN_TOPIC_OR_PARTITION)
    .map((t) => t.name);
}

/** The first of `addresses` that answers (tried in order; the last error when none does). */
export async function clusterMetadataFromAny(addresses: string[], topics: string[] = []): Promise<ClusterMetadata> {
  let lastError: unknown = new Error('no address to ask for metadata');
  for (const address of addresses) {
    try {
      return await clusterMetadata(address, topics);
    } catch (e) {
      lastError = e;
    }
  }
  throw lastError;
}

/**
 * Asks the broker at `address` (a listener that is never faulted) for the live brokers and these topics: an
 * empty list asks for brokers only (never "all topics"), and a topic is never auto-created by being asked about.
 */
export async function clusterMetadata(
  address: string,
  topics: string[] = [],
  timeoutMs = 3000,
): Promise<ClusterMetadata> {
  const { metadataV12 } = await platformaticKafka();
  return withBroker(
    address,
    async (c) => clusterMetadataOf(await answerWithErrors(metadataV12.api.async(c, topics, false, false))),
    timeoutMs,
  );
}
