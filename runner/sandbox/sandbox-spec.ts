import type { HostPort } from './types.js';

/** Variables of a stack's solution environment that name endpoints a solution may connect to. */
const ENDPOINT_VARS = [
  'KAFKA_BOOTSTRAP_SERVERS',
  'SPRING_KAFKA_BOOTSTRAP_SERVERS',
  'SCHEMA_REGISTRY_URL',
  'KAFKA_CONNECT_URL',
  'KSQLDB_URL',
  'POSTGRES_URL',
];

/** host:port pairs of a comma-separated list of bootstrap servers or URLs. Pure. */
export function parseEndpoints(value: string): HostPort[] {
  const out: HostPort[] = [];
  for (const raw of value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean)) {
    const m = /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:[^@/]*@)?(\[[^\]]+\]|[^:/?#]+):(\d+)/i.exec(raw);
    if (m) out.push({ host: m[1]!, port: Number(m[2]) });
  }
  return out;
}

/**
 * The endpoints a sandboxed solution may reach: exactly those the stack's solution environment advertises (the
 * proxies in front of the brokers, the registry, Connect, ksqlDB, PostgreSQL), deduplicated. The brokers' direct and
 * controller listeners and the Toxiproxy API are not in that environment, so they stay unreachable. Pure.
 */
export function outboundEndpoints(solutionEnv: Record<string, string>): HostPort[] {
  const seen = new Map<string, HostPort>();
  for (const v of ENDPOINT_VARS) {
    for (const e of parseEndpoints(solutionEnv[v] ?? '')) seen.set(`${e.host}:${e.port}`, e);
  }
  if (solutionEnv.PGHOST && solutionEnv.PGPORT)
    seen.set(`${solutionEnv.PGHOST}:${solutionEnv.PGPORT}`, {
      host: solutionEnv.PGHOST,
      port: Number(solutionEnv.PGPORT),
    });
  return [...seen.values()].sort((a, b) => a.port - b.port);
}
