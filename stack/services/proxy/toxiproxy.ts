/** Toxiproxy, as every provider runs it: one proxy per broker for clients, one more for replication. */

export type ProxyKind = 'client' | 'replication';

/** Proxy names, the same on every provider (the external provider finds `kafka-<id>` by name). */
export function proxyName(kind: ProxyKind, brokerId: number): string {
  return kind === 'client' ? `kafka-${brokerId}` : `replication-${brokerId}`;
}

export const TOXIPROXY = {
  /** The API port inside a container. */
  apiPort: 8474,
  /** Answers once the API is up. */
  readyPath: '/version',
  startTimeoutMs: { process: 10_000, container: 20_000 },
  hint: {
    process: 'Toxiproxy did not answer on its API port; run `kgrade stack provision` to reinstall it',
    container: 'Toxiproxy did not answer on its API port',
  },
} as const;
