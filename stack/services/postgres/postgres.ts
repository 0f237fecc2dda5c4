import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GraderError } from '../../../core/errors.js';
import { execCapture, tail } from '../../../core/exec.js';
import { postgresBinDir, postgresComponent } from '../../provision/components.js';
import type { StackService } from '../stack-service.js';
import { POSTGRES_IMAGE } from './postgres-image.js';

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
export const POSTGRES_SETTINGS = [
  'wal_level=logical',
  'max_wal_senders=8',
  'max_replication_slots=8',
  'fsync=off',
  'synchronous_commit=off',
  'full_page_writes=off',
  'shared_buffers=32MB',
] as const;

/** `-c name=value` arguments of the `postgres` server. */
export function settingArgs(settings: readonly string[]): string[] {
  return settings.flatMap((s) => ['-c', s]);
}

/** How the grader and solutions reach it from the host (`port`), and how Connect reaches it (the same by default). */
export function postgresInfo(
  port: number,
  fromConnect: { host: string; port: number } = { host: '127.0.0.1', port },
): PostgresInfo {
  const { user, password, database } = POSTGRES;
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    database,
    url: `postgresql://${user}:${password}@127.0.0.1:${port}/${database}`,
    fromConnect,
  };
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

/** PostgreSQL refuses to run as root: when kgrade is root, the server runs as the `postgres` system user. */
function asPostgresUser(cmd: string, args: string[]): { cmd: string; args: string[] } {
  if (process.getuid?.() !== 0) return { cmd, args };
  return { cmd: 'runuser', args: ['-u', 'postgres', '--', cmd, ...args] };
}

export const postgresService: StackService<{ postgres: PostgresInfo }, 'postgres'> = {
  name: 'postgres',
  title: 'PostgreSQL',
  fields: ['postgres'],
  native: {
    components: [postgresComponent],
    afterBrokers: false,
    async start(host) {
      // Under the system temp dir: the postgres user (when kgrade is root) cannot enter root's home.
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kgrade-pg-'));
      host.registerDir(dir);
      const data = path.join(dir, 'pgdata');
      const sockets = path.join(dir, 'pgsock');
      fs.mkdirSync(sockets, { recursive: true });
      if (process.getuid?.() === 0) await execCapture('chown', ['-R', 'postgres:postgres', dir]);
      const pwFile = path.join(os.tmpdir(), `kgrade-pg-${process.pid}-${Date.now()}`);
      fs.writeFileSync(pwFile, `${POSTGRES.password}\n`, { mode: 0o644 });
      const init = asPostgresUser(path.join(postgresBinDir(), 'initdb'), [
        '-D',
        data,
        '-U',
        POSTGRES.user,
        '--auth=scram-sha-256',
        `--pwfile=${pwFile}`,
        '-E',
        'UTF8',
        '--no-sync',
      ]);
      const r = await execCapture(init.cmd, init.args, { timeoutMs: 60_000 });
      fs.rmSync(pwFile, { force: true });
      if (r.code !== 0) {
        throw new GraderError('SERVICE_START_TIMEOUT', 'initdb failed for the stack PostgreSQL', {
          hint: 'see the log tail; `kgrade doctor` checks the PostgreSQL install',
          logTail: tail(r.stdout + r.stderr),
        });
      }
      const port = await host.freePort();
      const run = asPostgresUser(path.join(postgresBinDir(), 'postgres'), [
        '-D',
        data,
        '-p',
        String(port),
        '-k',
        sockets,
        ...settingArgs(['listen_addresses=127.0.0.1', ...POSTGRES_SETTINGS]),
      ]);
      const proc = host.spawn('postgres', { ...run, logFile: path.join(dir, 'postgres.log') });
      const isReady = asPostgresUser(path.join(postgresBinDir(), 'pg_isready'), [
        '-h',
        '127.0.0.1',
        '-p',
        String(port),
        '-q',
      ]);
      await proc.awaitReady(
        async () => (await execCapture(isReady.cmd, isReady.args)).code === 0,
        POSTGRES.startTimeoutMs.process,
        POSTGRES.hint,
      );
      const psql = await execCapture(
        'psql',
        [
          '-h',
          '127.0.0.1',
          '-p',
          String(port),
          '-U',
          POSTGRES.user,
          '-d',
          'postgres',
          '-c',
          `CREATE DATABASE ${POSTGRES.database}`,
        ],
        { env: { ...process.env, PGPASSWORD: POSTGRES.password } },
      );
      if (psql.code !== 0)
        throw new GraderError('SERVICE_START_TIMEOUT', `could not create the ${POSTGRES.database} database`, {
          hint: 'is psql installed?',
          logTail: tail(psql.stderr),
        });
      return { postgres: postgresInfo(port) };
    },
  },
  container: {
    official: 'postgres:15',
    hostPorts: 1,
    offline: POSTGRES_IMAGE,
    afterBrokers: () => false,
    /** From the host it is 127.0.0.1:<port>; from Connect (a container) it is `postgres:5432`. */
    async start(host, [port]) {
      const c = await host.start({
        alias: 'postgres',
        publish: [[POSTGRES.containerPort, port!]],
        env: { POSTGRES_USER: POSTGRES.user, POSTGRES_PASSWORD: POSTGRES.password, POSTGRES_DB: POSTGRES.database },
        command: ['postgres', ...settingArgs(POSTGRES_SETTINGS)],
      });
      return async () => {
        // Inside the container: over TCP, so the official image's socket-only init server does not count.
        const isReady = async () =>
          (
            await c.exec([
              'pg_isready',
              '-h',
              '127.0.0.1',
              '-p',
              String(POSTGRES.containerPort),
              '-U',
              POSTGRES.user,
              '-d',
              POSTGRES.database,
              '-q',
            ])
          ).exitCode === 0;
        await c.awaitReady(isReady, POSTGRES.startTimeoutMs.container, POSTGRES.hint);
        return { postgres: postgresInfo(port!, { host: 'postgres', port: POSTGRES.containerPort }) };
      };
    },
  },
  solutionEnv({ postgres: pg }, all) {
    const env: Record<string, string> = {
      POSTGRES_URL: pg.url,
      PGHOST: pg.host,
      PGPORT: String(pg.port),
      PGUSER: pg.user,
      PGPASSWORD: pg.password,
      PGDATABASE: pg.database,
    };
    // What a connector configuration must use, where the stack runs Connect too.
    if (all.connectUrl) Object.assign(env, postgresFromConnectEnv(pg));
    return env;
  },
};
