import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { StartedNetwork, StartedTestContainer } from 'testcontainers';
import { CONNECT, connectWorkerProperties, type ConnectInfo } from '../services/connect/connect-config.js';
import { KSQLDB, ksqldbEnv } from '../services/ksqldb/ksqldb.js';
import { POSTGRES, postgresInfo, POSTGRES_SETTINGS, settingArgs, type PostgresInfo } from '../services/postgres/postgres.js';
import { TOXIPROXY } from '../services/proxy/toxiproxy.js';
import { confluentRegistryEnv, REGISTRY, registryUrl, storeBackwardCompatibility } from '../services/registry/registry.js';
import { awaitServiceReady, httpOk } from '../services/service-ready.js';
import type { ImageSet } from './docker-images.js';
import { assertRunning, containerLogTail, KgradeContainer, type Dockerode } from './kgrade-container.js';

/** What every container of one stack shares: network, labels, name prefix. */
export interface StackContext {
  network: StartedNetwork;
  labels: Record<string, string>;
  namePrefix: string;
  docker: Dockerode;
  images: ImageSet;
  /** Containers started so far, for stop(). */
  containers: StartedTestContainer[];
  /** Host folders bind-mounted into containers, removed by stop(). */
  hostDirs?: string[];
}

/** A container on the stack's network, reachable there as `alias`. */
export function stackContainer(ctx: StackContext, image: string, alias: string): KgradeContainer {
  return new KgradeContainer(image)
    .withName(`${ctx.namePrefix}-${alias}`)
    .onNetwork(ctx.network, alias)
    .withHostname(alias)
    .withLabels(ctx.labels) as KgradeContainer;
}

export async function startTracked(ctx: StackContext, c: KgradeContainer): Promise<StartedTestContainer> {
  const started = await c.start();
  ctx.containers.push(started);
  return started;
}

/** Java resolves names again after 2 s, not 30: a restarted container may come back with another address. */
export const JVM_DNS_TTL = '-Dsun.net.inetaddr.ttl=2 -Dsun.net.inetaddr.negative.ttl=1';

/** Waits for `ready`, failing early with the container's log tail when it exits or times out. */
export async function awaitContainer(ctx: StackContext, c: StartedTestContainer, name: string, ready: () => Promise<boolean>, timeoutMs: number, hint: string): Promise<void> {
  const unit = { name, assertAlive: () => assertRunning(ctx.docker, c, name, hint), logTail: () => containerLogTail(c) };
  await awaitServiceReady(unit, ready, { timeoutMs, intervalMs: 250, hint });
}

/** Entry point of a Kafka-image container: writes its properties file from an env var, then execs the given script. */
export function propertiesCommand(file: string, exec: string): string[] {
  return ['sh', '-c', `printf '%s\\n' "$KGRADE_PROPERTIES" > ${file} && exec ${exec} ${file}`];
}

export interface StartingService<T> {
  container: StartedTestContainer;
  ready: () => Promise<T>;
}

/** A started container that is ready once `url` + `readyPath` answers 2xx; `then` runs once it is. */
function httpService(ctx: StackContext, c: StartedTestContainer, name: string, url: string, ready: { path: string; timeoutMs: number; hint: string; then?: () => Promise<void> }): StartingService<string> {
  return {
    container: c,
    ready: async () => {
      await awaitContainer(ctx, c, name, () => httpOk(`${url}${ready.path}`), ready.timeoutMs, ready.hint);
      await ready.then?.();
      return url;
    },
  };
}

export async function startToxiproxyContainer(ctx: StackContext, brokerId: number, apiPort: number, proxyPort: number): Promise<StartingService<string>> {
  const c = await startTracked(ctx, stackContainer(ctx, ctx.images.images.toxiproxy!, `toxiproxy-${brokerId}`).publish(TOXIPROXY.apiPort, apiPort).publish(proxyPort, proxyPort).withEnvironment({ LOG_LEVEL: 'info' }));
  return httpService(ctx, c, `toxiproxy-${brokerId}`, `http://127.0.0.1:${apiPort}`, { path: TOXIPROXY.readyPath, timeoutMs: TOXIPROXY.startTimeoutMs.container, hint: TOXIPROXY.hint.container });
}

export async function startRegistryContainer(ctx: StackContext, port: number, kafkaInternal: string): Promise<StartingService<string>> {
  const kind = ctx.images.registryKind;
  const def = stackContainer(ctx, ctx.images.images.registry!, 'registry')
    .publish(REGISTRY.containerPort[kind], port)
    .withEnvironment(kind === 'apicurio' ? { REGISTRY_HEAP: REGISTRY.apicurioHeap.container } : confluentRegistryEnv(kafkaInternal));
  const c = await startTracked(ctx, def);
  const url = registryUrl(kind, `127.0.0.1:${port}`);
  return httpService(ctx, c, 'registry', url, {
    path: REGISTRY.readyPath,
    timeoutMs: REGISTRY.startTimeoutMs.container,
    hint: REGISTRY.hint.container,
    then: kind === 'apicurio' ? () => storeBackwardCompatibility(url) : undefined,
  });
}

/**
 * Connect on the stack network. Its FileStream folder is a host folder bind-mounted at the same path, so a
 * connector's `file` and the grader's reads and appends name the same path.
 */
export async function startConnectContainer(ctx: StackContext, port: number, kafkaInternal: string, brokers: number): Promise<StartingService<ConnectInfo>> {
  const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kgrade-connect-files-'));
  fs.chmodSync(filesDir, 0o777);
  (ctx.hostDirs ??= []).push(filesDir);
  const props = connectWorkerProperties({ bootstrap: kafkaInternal, brokers, listener: `http://0.0.0.0:${CONNECT.restPort}`, advertisedHost: 'connect', advertisedPort: CONNECT.restPort, pluginPath: CONNECT.pluginPath });
  const env: Record<string, string> = { KGRADE_PROPERTIES: props, KAFKA_HEAP_OPTS: `-Xmx${CONNECT.heap} -Xms${CONNECT.heap}`, KAFKA_OPTS: JVM_DNS_TTL };
  if (ctx.images.connectClasspath) env.CLASSPATH = ctx.images.connectClasspath;
  let def = stackContainer(ctx, ctx.images.images.connect!, 'connect')
    .publish(CONNECT.restPort, port)
    .withEnvironment(env)
    .withEntrypoint(propertiesCommand('/tmp/kgrade-connect.properties', '/opt/kafka/bin/connect-distributed.sh'));
  const mounts: { source: string; target: string; mode: 'rw' | 'ro' }[] = [{ source: filesDir, target: filesDir, mode: 'rw' }];
  if (ctx.images.debeziumMount) mounts.push({ source: ctx.images.debeziumMount, target: `${CONNECT.pluginPath}/debezium-postgres`, mode: 'ro' });
  def = def.withBindMounts(mounts);
  const c = await startTracked(ctx, def);
  const http = httpService(ctx, c, 'connect', `http://127.0.0.1:${port}`, { path: CONNECT.readyPath, timeoutMs: CONNECT.startTimeoutMs.container, hint: CONNECT.hint });
  return { container: c, ready: async () => ({ url: await http.ready(), files: { hostDir: filesDir, connectDir: filesDir } }) };
}

export async function startKsqldbContainer(ctx: StackContext, port: number, kafkaInternal: string, brokers: number, withRegistry: boolean): Promise<StartingService<string>> {
  const env = ksqldbEnv(kafkaInternal, brokers, withRegistry ? `http://registry:${REGISTRY.containerPort.confluent}` : undefined);
  const c = await startTracked(ctx, stackContainer(ctx, ctx.images.images.ksqldb!, 'ksqldb').publish(KSQLDB.containerPort, port).withEnvironment(env));
  return httpService(ctx, c, 'ksqldb', `http://127.0.0.1:${port}`, { path: KSQLDB.readyPath, timeoutMs: KSQLDB.startTimeoutMs.container, hint: KSQLDB.hint });
}

/** PostgreSQL for Debezium. From the host it is 127.0.0.1:<port>; from Connect (a container) it is `postgres:5432`. */
export async function startPostgresContainer(ctx: StackContext, port: number): Promise<StartingService<PostgresInfo>> {
  const c = await startTracked(
    ctx,
    stackContainer(ctx, ctx.images.images.postgres!, 'postgres')
      .publish(POSTGRES.containerPort, port)
      .withEnvironment({ POSTGRES_USER: POSTGRES.user, POSTGRES_PASSWORD: POSTGRES.password, POSTGRES_DB: POSTGRES.database })
      .withCommand(['postgres', ...settingArgs(POSTGRES_SETTINGS)]),
  );
  return {
    container: c,
    ready: async () => {
      // Inside the container: over TCP, so the official image's socket-only init server does not count.
      const isReady = async () => (await c.exec(['pg_isready', '-h', '127.0.0.1', '-p', String(POSTGRES.containerPort), '-U', POSTGRES.user, '-d', POSTGRES.database, '-q'])).exitCode === 0;
      await awaitContainer(ctx, c, 'postgres', isReady, POSTGRES.startTimeoutMs.container, POSTGRES.hint);
      return postgresInfo(port, { host: 'postgres', port: POSTGRES.containerPort });
    },
  };
}
