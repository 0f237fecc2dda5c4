/** PostgreSQL for Debezium (logical decoding), as every provider runs it. */

export interface PostgresInfo {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  url: string;
  /**
   * Where Kafka Connect reaches the same server (a connector's `database.hostname`/`database.port`): the host's
   * address on the native provider, `postgres:5432` on the stack network with docker.
   */
  fromConnect: { host: string; port: number };
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

/** How the grader and solutions reach it from the host (`port`), and how Connect reaches it (the same by default). */
export function postgresInfo(port: number, fromConnect: { host: string; port: number } = { host: '127.0.0.1', port }): PostgresInfo {
  const { user, password, database } = POSTGRES;
  return { host: '127.0.0.1', port, user, password, database, url: `postgresql://${user}:${password}@127.0.0.1:${port}/${database}`, fromConnect };
}

/** Environment naming the server as Kafka Connect sees it: what a connector configuration must use. */
export function postgresFromConnectEnv(pg: PostgresInfo): Record<string, string> {
  return {
    CONNECT_POSTGRES_HOST: pg.fromConnect.host,
    CONNECT_POSTGRES_PORT: String(pg.fromConnect.port),
    CONNECT_POSTGRES_DATABASE: pg.database,
    CONNECT_POSTGRES_USER: pg.user,
    CONNECT_POSTGRES_PASSWORD: pg.password,
  };
}
