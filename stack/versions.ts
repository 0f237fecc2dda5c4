/** Every artifact and image version the stack runs, pinned in one place. */
export const VERSIONS = {
  kafka: '3.9.2',
  scala: '2.13',
  debezium: '3.0.8.Final',
  toxiproxy: 'v2.12.0',
  /** Debian's PostgreSQL major version (bookworm). */
  postgres: '15',
} as const;

/** Fixed KRaft cluster id: stacks are throwaway, a stable id keeps logs comparable between runs. */
export const CLUSTER_ID = 'a2dyYWRlLXN0YWNrLTAx';
