import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GraderError } from '../../core/errors.js';
import { execCapture, tail } from '../../core/exec.js';
import { freePort } from '../../core/ports.js';
import { waitFor } from '../../core/wait-for.js';
import { cachePaths } from '../cache-paths.js';
import { connectWorkerProperties } from '../connect-config.js';
import { postgresBinDir } from '../provision/components.js';
import { apicurioRunJar } from '../provision/apicurio-component.js';
import type { PostgresInfo } from '../started-stack.js';
import { kafkaJava } from './jvm.js';
import type { Reaper } from './reaper.js';
import { ServiceProcess } from './service-process.js';

export interface StartedService<T> {
  process: ServiceProcess;
  value: T;
}

/** Waits for `ready`, failing early with the service's log tail if it dies or times out. */
export async function awaitReady(proc: ServiceProcess, ready: () => Promise<boolean>, timeoutMs: number, hint: string): Promise<void> {
  try {
    await waitFor(
      async () => {
        if (!proc.running) throw new GraderError('SERVICE_DIED', `${proc.name} exited during start-up`, { hint, logTail: proc.logTail(), retriable: true });
        return ready();
      },
      { timeoutMs, intervalMs: 150, what: `${proc.name} to be ready` },
    );
  } catch (e) {
    if (e instanceof GraderError) throw e;
    const died = !proc.running;
    throw new GraderError(died ? 'SERVICE_DIED' : 'SERVICE_START_TIMEOUT', died ? `${proc.name} exited during start-up` : `${proc.name} was not ready after ${timeoutMs} ms`, {
      hint,
      retriable: true,
      logTail: proc.logTail(),
      cause: e,
    });
  }
}

async function httpOk(url: string): Promise<boolean> {
  try {
    const r = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return r.ok;
  } catch {
    return false;
  }
}

export async function startToxiproxy(dir: string, reaper: Reaper): Promise<StartedService<string>> {
  const port = await freePort();
  const proc = new ServiceProcess('toxiproxy', { cmd: cachePaths.toxiproxyBin(), args: ['-host', '127.0.0.1', '-port', String(port)], logFile: path.join(dir, 'toxiproxy.log') }, reaper);
  proc.start();
  const url = `http://127.0.0.1:${port}`;
  await awaitReady(proc, () => httpOk(`${url}/version`), 10_000, 'Toxiproxy did not answer on its API port; run `kgrade stack provision` to reinstall it');
  return { process: proc, value: url };
}

export async function startConnect(dir: string, reaper: Reaper, bootstrap: string, brokers: number): Promise<StartedService<string>> {
  const port = await freePort();
  const props = connectWorkerProperties({ bootstrap, brokers, listener: `http://127.0.0.1:${port}`, advertisedHost: '127.0.0.1', advertisedPort: port, pluginPath: path.dirname(cachePaths.debeziumPlugin()) });
  const file = path.join(dir, 'connect.properties');
  fs.writeFileSync(file, props + '\n');
  const java = kafkaJava(dir, '384m', 'org.apache.kafka.connect.cli.ConnectDistributed', [file]);
  const proc = new ServiceProcess('connect', { ...java, logFile: path.join(dir, 'connect.log') }, reaper);
  proc.start();
  const url = `http://127.0.0.1:${port}`;
  await awaitReady(proc, () => httpOk(`${url}/connector-plugins`), 90_000, 'Kafka Connect did not open its REST API; see its log tail');
  return { process: proc, value: url };
}

/** Apicurio Registry 2.4 (in-memory), answering Confluent's API under /apis/ccompat/v7; see stack/provision/maven/apicurio/RECIPE.md. */
export async function startRegistry(dir: string, reaper: Reaper): Promise<StartedService<string>> {
  const port = await freePort();
  const proc = new ServiceProcess(
    'registry',
    {
      cmd: 'java',
      args: [
        '-Xmx128m', '-Xss512k', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1',
        '-Dquarkus.http.host=127.0.0.1', `-Dquarkus.http.port=${port}`,
        '-Dquarkus.datasource.jdbc.url=jdbc:h2:mem:registry_db',
        '-Dquarkus.datasource.jdbc.initial-size=2', '-Dquarkus.datasource.jdbc.min-size=2', '-Dquarkus.datasource.jdbc.max-size=20',
        '-Dregistry.auth.enabled=false', '-Dquarkus.oidc.tenant-enabled=false',
        '-Dregistry.enable.sentry=false', '-Dquarkus.log.category."io.sentry".level=ERROR',
        '-Dregistry.events.kafka.config.bootstrap.servers=', '-Dregistry.events.ksink=',
        // Confluent's default global compatibility is BACKWARD; Apicurio's is none.
        '-Dregistry.rules.global.compatibility=BACKWARD',
        '-Dregistry.rest.artifact.deletion.enabled=true',
        '-DCoreEnvironmentBean.processImplementationClassName=com.arjuna.ats.internal.arjuna.utils.UuidProcessId',
        '-jar', apicurioRunJar(),
      ],
      cwd: dir,
      logFile: path.join(dir, 'registry.log'),
    },
    reaper,
  );
  proc.start();
  const url = `http://127.0.0.1:${port}/apis/ccompat/v7`;
  await awaitReady(proc, () => httpOk(`${url}/subjects`), 60_000, 'Apicurio Registry did not answer; run `kgrade stack provision --with registry` to rebuild it');
  // Stored too, so GET /config reports BACKWARD as Confluent's registry does.
  await fetch(`${url}/config`, { method: 'PUT', headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' }, body: JSON.stringify({ compatibility: 'BACKWARD' }) });
  return { process: proc, value: url };
}

/** PostgreSQL refuses to run as root: when kgrade is root, the server runs as the `postgres` system user. */
function asPostgresUser(cmd: string, args: string[]): { cmd: string; args: string[] } {
  if (process.getuid?.() !== 0) return { cmd, args };
  return { cmd: 'runuser', args: ['-u', 'postgres', '--', cmd, ...args] };
}

export async function startPostgres(reaper: Reaper): Promise<StartedService<PostgresInfo>> {
  // Under the system temp dir: the postgres user (when kgrade is root) cannot enter root's home.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kgrade-pg-'));
  reaper.registerDir(dir);
  const data = path.join(dir, 'pgdata');
  const sockets = path.join(dir, 'pgsock');
  fs.mkdirSync(sockets, { recursive: true });
  if (process.getuid?.() === 0) await execCapture('chown', ['-R', 'postgres:postgres', dir]);
  const pwFile = path.join(os.tmpdir(), `kgrade-pg-${process.pid}-${Date.now()}`);
  fs.writeFileSync(pwFile, 'kgrade\n', { mode: 0o644 });
  const init = asPostgresUser(path.join(postgresBinDir(), 'initdb'), ['-D', data, '-U', 'kgrade', '--auth=scram-sha-256', `--pwfile=${pwFile}`, '-E', 'UTF8', '--no-sync']);
  const r = await execCapture(init.cmd, init.args, { timeoutMs: 60_000 });
  fs.rmSync(pwFile, { force: true });
  if (r.code !== 0) {
    throw new GraderError('SERVICE_START_TIMEOUT', 'initdb failed for the stack PostgreSQL', { hint: 'see the log tail; `kgrade doctor` checks the PostgreSQL install', logTail: tail(r.stdout + r.stderr) });
  }
  const port = await freePort();
  const run = asPostgresUser(path.join(postgresBinDir(), 'postgres'), [
    '-D', data, '-p', String(port), '-k', sockets,
    '-c', 'listen_addresses=127.0.0.1', '-c', 'wal_level=logical', '-c', 'max_wal_senders=8', '-c', 'max_replication_slots=8',
    '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'shared_buffers=32MB',
  ]);
  const proc = new ServiceProcess('postgres', { ...run, logFile: path.join(dir, 'postgres.log') }, reaper);
  proc.start();
  const isReady = asPostgresUser(path.join(postgresBinDir(), 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-q']);
  await awaitReady(proc, async () => (await execCapture(isReady.cmd, isReady.args)).code === 0, 30_000, 'PostgreSQL did not accept connections; see its log tail');
  const psql = await execCapture('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'kgrade', '-d', 'postgres', '-c', 'CREATE DATABASE kgrade'], { env: { ...process.env, PGPASSWORD: 'kgrade' } });
  if (psql.code !== 0) throw new GraderError('SERVICE_START_TIMEOUT', 'could not create the kgrade database', { hint: 'is psql installed?', logTail: tail(psql.stderr) });
  const info: PostgresInfo = { host: '127.0.0.1', port, user: 'kgrade', password: 'kgrade', database: 'kgrade', url: `postgresql://kgrade:kgrade@127.0.0.1:${port}/kgrade` };
  return { process: proc, value: info };
}
