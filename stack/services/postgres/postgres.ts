/** PostgreSQL for Debezium (logical decoding), as every provider runs it. */

export interface PostgresInfo {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  url: string;
}

export const POSTGRES = {
  user: 'kgrade',
  password: 'kgrade',
  database: 'kgrade',
  /** The port inside a container. */
  containerPort: 5432,
  startTimeoutMs: { process: 30_000, container: 60_000 },
  hint: 'PostgreSQL did not accept connections; see its log tail',
} as const;

/** Server settings: logical decoding for Debezium, durability off (a throwaway stack). */
export const POSTGRES_SETTINGS = ['wal_level=logical', 'max_wal_senders=8', 'max_replication_slots=8', 'fsync=off', 'synchronous_commit=off', 'full_page_writes=off', 'shared_buffers=32MB'] as const;

/** `-c name=value` arguments of the `postgres` server. */
export function settingArgs(settings: readonly string[]): string[] {
  return settings.flatMap((s) => ['-c', s]);
}

/** How the grader and solutions reach it from the host. */
export function postgresInfo(port: number): PostgresInfo {
  const { user, password, database } = POSTGRES;
  return { host: '127.0.0.1', port, user, password, database, url: `postgresql://${user}:${password}@127.0.0.1:${port}/${database}` };
}
