import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GraderError } from '../../core/errors.js';
import { execCapture, tail } from '../../core/exec.js';
import { freePort } from '../../core/ports.js';
import { cachePaths } from '../cache-paths.js';
import { KAFKA_MAIN, kafkaJava } from '../kafka-java.js';
import { postgresBinDir } from '../provision/components.js';
import { apicurioRunJar } from '../provision/apicurio-component.js';
import { CONNECT, connectWorkerProperties, type ConnectInfo } from '../services/connect/connect-config.js';
import { POSTGRES, postgresInfo, POSTGRES_SETTINGS, settingArgs, type PostgresInfo } from '../services/postgres/postgres.js';
import { TOXIPROXY } from '../services/proxy/toxiproxy.js';
import { apicurioArgs, REGISTRY, registryUrl, storeBackwardCompatibility } from '../services/registry/registry.js';
import { awaitServiceReady, httpOk } from '../services/service-ready.js';
import type { Reaper } from './reaper.js';
import { ServiceProcess } from './service-process.js';

export interface StartedService<T> {
  process: ServiceProcess;
  value: T;
}

/** Waits for `ready`, failing early with the service's log tail if it dies or times out. */
async function awaitReady(proc: ServiceProcess, ready: () => Promise<boolean>, timeoutMs: number, hint: string): Promise<void> {
  const unit = {
    name: proc.name,
    assertAlive: async () => {
      if (!proc.running) throw new GraderError('SERVICE_DIED', `${proc.name} exited during start-up`, { hint, logTail: proc.logTail(), retriable: true });
    },
    exited: () => !proc.running,
    logTail: async () => proc.logTail(),
  };
  await awaitServiceReady(unit, ready, { timeoutMs, intervalMs: 150, hint });
}

export async function startToxiproxy(dir: string, reaper: Reaper): Promise<StartedService<string>> {
  const port = await freePort();
  const proc = new ServiceProcess('toxiproxy', { cmd: cachePaths.toxiproxyBin(), args: ['-host', '127.0.0.1', '-port', String(port)], logFile: path.join(dir, 'toxiproxy.log') }, reaper);
  proc.start();
  const url = `http://127.0.0.1:${port}`;
  await awaitReady(proc, () => httpOk(`${url}${TOXIPROXY.readyPath}`), TOXIPROXY.startTimeoutMs.process, TOXIPROXY.hint.process);
  return { process: proc, value: url };
}

/** Connect on 127.0.0.1; its FileStream folder is `connect-files` in the stack's folder, the same path for the grader. */
export async function startConnect(dir: string, reaper: Reaper, bootstrap: string, brokers: number): Promise<StartedService<ConnectInfo>> {
  const filesDir = path.join(dir, 'connect-files');
  fs.mkdirSync(filesDir, { recursive: true });
  const port = await freePort();
  const props = connectWorkerProperties({ bootstrap, brokers, listener: `http://127.0.0.1:${port}`, advertisedHost: '127.0.0.1', advertisedPort: port, pluginPath: path.dirname(cachePaths.debeziumPlugin()) });
  const file = path.join(dir, 'connect.properties');
  fs.writeFileSync(file, props + '\n');
  const java = kafkaJava(dir, CONNECT.heap, KAFKA_MAIN.connectDistributed, [file]);
  const proc = new ServiceProcess('connect', { ...java, logFile: path.join(dir, 'connect.log') }, reaper);
  proc.start();
  const url = `http://127.0.0.1:${port}`;
  await awaitReady(proc, () => httpOk(`${url}${CONNECT.readyPath}`), CONNECT.startTimeoutMs.process, CONNECT.hint);
  return { process: proc, value: { url, files: { hostDir: filesDir, connectDir: filesDir } } };
}

/** Apicurio Registry (see stack/services/registry). */
export async function startRegistry(dir: string, reaper: Reaper): Promise<StartedService<string>> {
  const port = await freePort();
  const args = apicurioArgs(REGISTRY.apicurioHeap.process, '127.0.0.1', port, apicurioRunJar()).flat();
  const proc = new ServiceProcess('registry', { cmd: 'java', args, cwd: dir, logFile: path.join(dir, 'registry.log') }, reaper);
  proc.start();
  const url = registryUrl('apicurio', `127.0.0.1:${port}`);
  await awaitReady(proc, () => httpOk(`${url}${REGISTRY.readyPath}`), REGISTRY.startTimeoutMs.process, REGISTRY.hint.process);
  await storeBackwardCompatibility(url);
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
  fs.writeFileSync(pwFile, `${POSTGRES.password}\n`, { mode: 0o644 });
  const init = asPostgresUser(path.join(postgresBinDir(), 'initdb'), ['-D', data, '-U', POSTGRES.user, '--auth=scram-sha-256', `--pwfile=${pwFile}`, '-E', 'UTF8', '--no-sync']);
  const r = await execCapture(init.cmd, init.args, { timeoutMs: 60_000 });
  fs.rmSync(pwFile, { force: true });
  if (r.code !== 0) {
    throw new GraderError('SERVICE_START_TIMEOUT', 'initdb failed for the stack PostgreSQL', { hint: 'see the log tail; `kgrade doctor` checks the PostgreSQL install', logTail: tail(r.stdout + r.stderr) });
  }
  const port = await freePort();
  const run = asPostgresUser(path.join(postgresBinDir(), 'postgres'), ['-D', data, '-p', String(port), '-k', sockets, ...settingArgs(['listen_addresses=127.0.0.1', ...POSTGRES_SETTINGS])]);
  const proc = new ServiceProcess('postgres', { ...run, logFile: path.join(dir, 'postgres.log') }, reaper);
  proc.start();
  const isReady = asPostgresUser(path.join(postgresBinDir(), 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-q']);
  await awaitReady(proc, async () => (await execCapture(isReady.cmd, isReady.args)).code === 0, POSTGRES.startTimeoutMs.process, POSTGRES.hint);
  const psql = await execCapture('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', POSTGRES.user, '-d', 'postgres', '-c', `CREATE DATABASE ${POSTGRES.database}`], { env: { ...process.env, PGPASSWORD: POSTGRES.password } });
  if (psql.code !== 0) throw new GraderError('SERVICE_START_TIMEOUT', `could not create the ${POSTGRES.database} database`, { hint: 'is psql installed?', logTail: tail(psql.stderr) });
  return { process: proc, value: postgresInfo(port) };
}
