import { CLUSTER_ID } from '../../versions.js';
import type { KafkaListener } from '../../topology.js';
import { kraftProperties, metaProperties, type KraftNode } from './kraft-config.js';

/** A Kafka node (broker or controller) in a container: fixed listener ports (each container has its own address). */
export const BROKER_CONTAINER = {
  ports: { CLIENT: 9092, CONTROLLER: 9093, INTERNAL: 9091, DIRECT: 9094 } satisfies Record<KafkaListener, number>,
  dataDir: '/tmp/kgrade-data',
} as const;

/**
 * The container's command: writes meta.properties once (a restart keeps the container's layer, and Kafka then
 * adds its directory id), the properties from the environment, then starts the server.
 */
export const BROKER_CONTAINER_ENTRYPOINT = [
  'sh',
  '-c',
  `mkdir -p ${BROKER_CONTAINER.dataDir} && { [ -f ${BROKER_CONTAINER.dataDir}/meta.properties ] || printf '%s' "$KGRADE_META" > ${BROKER_CONTAINER.dataDir}/meta.properties; } && ` +
    `printf '%s' "$KGRADE_PROPERTIES" > /tmp/kgrade-server.properties && exec /opt/kafka/bin/kafka-server-start.sh /tmp/kgrade-server.properties`,
];

/** The environment BROKER_CONTAINER_ENTRYPOINT reads, with the JVM's heap and options. */
export function brokerContainerEnv(node: KraftNode, heap: string, jvmOpts: string): Record<string, string> {
  return {
    KGRADE_PROPERTIES: kraftProperties(node),
    KGRADE_META: metaProperties(node.nodeId, CLUSTER_ID),
    KAFKA_HEAP_OPTS: `-Xmx${heap} -Xms${heap}`,
    KAFKA_OPTS: jvmOpts,
  };
}
