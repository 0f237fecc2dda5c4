/** ksqlDB: only published as a Confluent container image (no native build, no offline image). */

export const KSQLDB = {
  /** The port inside its container. */
  containerPort: 8088,
  readyPath: '/info',
  startTimeoutMs: { container: 180_000 },
  hint: 'ksqlDB did not answer; see its log tail',
  noNative: 'ksqlDB has no native build: it is only published as a Confluent container image',
  onlyOfficial: 'grade ksqlDB exercises with --stack docker --images official on a machine that can pull confluentinc/ksqldb-server',
} as const;

/** The server's settings: the stack's Kafka on INTERNAL listeners, internal topics replicated as the cluster allows. */
export function ksqldbEnv(kafkaInternal: string, brokers: number, registryUrl?: string): Record<string, string> {
  const rf = String(Math.min(3, brokers));
  const env: Record<string, string> = {
    KSQL_BOOTSTRAP_SERVERS: kafkaInternal,
    KSQL_LISTENERS: `http://0.0.0.0:${KSQLDB.containerPort}`,
    KSQL_KSQL_SERVICE_ID: 'kgrade_',
    KSQL_KSQL_INTERNAL_TOPIC_REPLICAS: rf,
    KSQL_KSQL_STREAMS_REPLICATION_FACTOR: rf,
    KSQL_KSQL_LOGGING_PROCESSING_TOPIC_REPLICATION_FACTOR: rf,
    KSQL_HEAP_OPTS: '-Xmx512m',
  };
  if (registryUrl) env.KSQL_KSQL_SCHEMA_REGISTRY_URL = registryUrl;
  return env;
}
