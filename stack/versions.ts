/** Every artifact and image version the stack runs, pinned in one place. */
export const VERSIONS = {
  kafka: '3.9.2',
  scala: '2.13',
  debezium: '3.0.8.Final',
  toxiproxy: 'v2.12.0',
  /** Debian's PostgreSQL major version (bookworm). */
  postgres: '15',
} as const;

/** Apache's JVM image (brokers, and Connect in the official image set); 3.9.1 is the newest 3.9 tag documented on kafka.apache.org. */
export const KAFKA_IMAGE = 'apache/kafka:3.9.1';

/** Fixed KRaft cluster id: stacks are throwaway, a stable id keeps logs comparable between runs. */
export const CLUSTER_ID = 'a2dyYWRlLXN0YWNrLTAx';
