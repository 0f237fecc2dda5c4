import { connectWorkerProperties } from '../connect-config.js';
import type { StartedNetwork, StartedTestContainer } from 'testcontainers';
import { GraderError } from '../../core/errors.js';
import { waitFor } from '../../core/wait-for.js';
import type { PostgresInfo } from '../started-stack.js';
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
  try {
    await waitFor(
      async () => {
        await assertRunning(ctx.docker, c, name, hint);
        return ready();
      },
      { timeoutMs, intervalMs: 250, what: `${name} to be ready` },
    );
  } catch (e) {
    if (e instanceof GraderError) throw e;
    throw new GraderError('SERVICE_START_TIMEOUT', `${name} was not ready after ${timeoutMs} ms`, { hint, retriable: true, logTail: await containerLogTail(c), cause: e });
  }
}

export async function httpOk(url: string): Promise<boolean> {
  try {
    const r = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return r.ok;
  } catch {
    return false;
  }
}

/** Entry point of a Kafka-image container: writes its properties file from an env var, then execs the given script. */
export function propertiesCommand(file: string, exec: string): string[] {
  return ['sh', '-c', `printf '%s\\n' "$KGRADE_PROPERTIES" > ${file} && exec ${exec} ${file}`];
}

export interface StartingService<T> {
  container: StartedTestContainer;
  ready: () => Promise<T>;
}

export async function startToxiproxyContainer(ctx: StackContext, brokerId: number, apiPort: number, proxyPort: number): Promise<StartingService<string>> {
  const c = await startTracked(ctx, stackContainer(ctx, ctx.images.images.toxiproxy!, `toxiproxy-${brokerId}`).publish(8474, apiPort).publish(proxyPort, proxyPort).withEnvironment({ LOG_LEVEL: 'info' }));
  const url = `http://127.0.0.1:${apiPort}`;
  return {
    container: c,
    ready: async () => {
      await awaitContainer(ctx, c, `toxiproxy-${brokerId}`, () => httpOk(`${url}/version`), 20_000, 'Toxiproxy did not answer on its API port');
      return url;
    },
  };
}

export async function startRegistryContainer(ctx: StackContext, port: number, kafkaInternal: string): Promise<StartingService<string>> {
  const apicurio = ctx.images.registryKind === 'apicurio';
  const containerPort = apicurio ? 8080 : 8081;
  let def = stackContainer(ctx, ctx.images.images.registry!, 'registry').publish(containerPort, port);
  def = apicurio
    ? def.withEnvironment({ REGISTRY_HEAP: '160m' })
    : def.withEnvironment({
        SCHEMA_REGISTRY_HOST_NAME: 'registry',
        SCHEMA_REGISTRY_LISTENERS: 'http://0.0.0.0:8081',
        SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS: kafkaInternal.split(',').map((a) => `PLAINTEXT://${a}`).join(','),
        SCHEMA_REGISTRY_HEAP_OPTS: '-Xmx192m',
      });
  const c = await startTracked(ctx, def);
  const url = apicurio ? `http://127.0.0.1:${port}/apis/ccompat/v7` : `http://127.0.0.1:${port}`;
  return {
    container: c,
    ready: async () => {
      await awaitContainer(ctx, c, 'registry', () => httpOk(`${url}/subjects`), 120_000, 'the schema registry did not answer; see its log tail');
      // Confluent's default global compatibility is BACKWARD; stored too, so GET /config reports it.
      if (apicurio) await fetch(`${url}/config`, { method: 'PUT', headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' }, body: JSON.stringify({ compatibility: 'BACKWARD' }) });
      return url;
    },
  };
}

export async function startConnectContainer(ctx: StackContext, port: number, kafkaInternal: string, brokers: number): Promise<StartingService<string>> {
  const props = connectWorkerProperties({ bootstrap: kafkaInternal, brokers, listener: 'http://0.0.0.0:8083', advertisedHost: 'connect', advertisedPort: 8083, pluginPath: '/opt/kafka/plugins' });
  const env: Record<string, string> = { KGRADE_PROPERTIES: props, KAFKA_HEAP_OPTS: '-Xmx384m -Xms384m', KAFKA_OPTS: JVM_DNS_TTL };
  if (ctx.images.connectClasspath) env.CLASSPATH = ctx.images.connectClasspath;
  let def = stackContainer(ctx, ctx.images.images.connect!, 'connect')
    .publish(8083, port)
    .withEnvironment(env)
    .withEntrypoint(propertiesCommand('/tmp/kgrade-connect.properties', '/opt/kafka/bin/connect-distributed.sh'));
  if (ctx.images.debeziumMount) def = def.withBindMounts([{ source: ctx.images.debeziumMount, target: '/opt/kafka/plugins/debezium-postgres', mode: 'ro' }]);
  const c = await startTracked(ctx, def);
  const url = `http://127.0.0.1:${port}`;
  return {
    container: c,
    ready: async () => {
      await awaitContainer(ctx, c, 'connect', () => httpOk(`${url}/connector-plugins`), 180_000, 'Kafka Connect did not open its REST API; see its log tail');
      return url;
    },
  };
}

export async function startKsqldbContainer(ctx: StackContext, port: number, kafkaInternal: string, brokers: number, withRegistry: boolean): Promise<StartingService<string>> {
  const rf = String(Math.min(3, brokers));
  const env: Record<string, string> = {
    KSQL_BOOTSTRAP_SERVERS: kafkaInternal,
    KSQL_LISTENERS: 'http://0.0.0.0:8088',
    KSQL_KSQL_SERVICE_ID: 'kgrade_',
    KSQL_KSQL_INTERNAL_TOPIC_REPLICAS: rf,
    KSQL_KSQL_STREAMS_REPLICATION_FACTOR: rf,
    KSQL_KSQL_LOGGING_PROCESSING_TOPIC_REPLICATION_FACTOR: rf,
    KSQL_HEAP_OPTS: '-Xmx512m',
  };
  if (withRegistry) env.KSQL_KSQL_SCHEMA_REGISTRY_URL = 'http://registry:8081';
  const c = await startTracked(ctx, stackContainer(ctx, ctx.images.images.ksqldb!, 'ksqldb').publish(8088, port).withEnvironment(env));
  const url = `http://127.0.0.1:${port}`;
  return {
    container: c,
    ready: async () => {
      await awaitContainer(ctx, c, 'ksqldb', () => httpOk(`${url}/info`), 180_000, 'ksqlDB did not answer; see its log tail');
      return url;
    },
  };
}

const PG_SETTINGS = ['wal_level=logical', 'max_wal_senders=8', 'max_replication_slots=8', 'fsync=off', 'synchronous_commit=off', 'full_page_writes=off', 'shared_buffers=32MB'];

/** PostgreSQL for Debezium. From the host it is 127.0.0.1:<port>; from Connect (a container) it is `postgres:5432`. */
export async function startPostgresContainer(ctx: StackContext, port: number): Promise<StartingService<PostgresInfo>> {
  const c = await startTracked(
    ctx,
    stackContainer(ctx, ctx.images.images.postgres!, 'postgres')
      .publish(5432, port)
      .withEnvironment({ POSTGRES_USER: 'kgrade', POSTGRES_PASSWORD: 'kgrade', POSTGRES_DB: 'kgrade' })
      .withCommand(['postgres', ...PG_SETTINGS.flatMap((s) => ['-c', s])]),
  );
  const info: PostgresInfo = { host: '127.0.0.1', port, user: 'kgrade', password: 'kgrade', database: 'kgrade', url: `postgresql://kgrade:kgrade@127.0.0.1:${port}/kgrade` };
  return {
    container: c,
    ready: async () => {
      // Inside the container: over TCP, so the official image's socket-only init server does not count.
      const isReady = async () => (await c.exec(['pg_isready', '-h', '127.0.0.1', '-p', '5432', '-U', 'kgrade', '-d', 'kgrade', '-q'])).exitCode === 0;
      await awaitContainer(ctx, c, 'postgres', isReady, 60_000, 'PostgreSQL did not accept connections; see its log tail');
      return info;
    },
  };
}
