import crypto from 'node:crypto';
import { getContainerRuntimeClient, Network, type StartedTestContainer } from 'testcontainers';
import { GraderError } from '../../core/errors.js';
import { freePorts } from '../../core/ports.js';
import { delay } from '../../core/wait-for.js';
import { requireEngine } from './images/docker-cli.js';
import type { ImageSetName } from './images/versions.js';
import { kraftProperties, metaProperties, type KraftNode } from '../kraft-config.js';
import type { Progress } from '../provision/component.js';
import { stderrProgress } from '../provision/provision.js';
import { StartedKafkaStack, type StackParts, type StackServices } from '../started-stack.js';
import type { StackSpec } from '../stack-types.js';
import { createBrokerProxy, toxiproxyApi, type ProxyHandle } from '../toxiproxy-control.js';
import { CLUSTER_ID } from '../versions.js';
import { DockerBroker } from './docker-broker.js';
import { DockerJanitor, LABEL_OWNER, LABEL_STACK, sweepOrphans } from './docker-cleanup.js';
import { resolveImageSet } from './docker-images.js';
import {
  JVM_DNS_TTL,
  startConnectContainer,
  startKsqldbContainer,
  startPostgresContainer,
  startRegistryContainer,
  startToxiproxyContainer,
  startTracked,
  stackContainer,
  type StackContext,
  type StartingService,
} from './docker-services.js';
import { containerLogTail, containerState } from './kgrade-container.js';

const CONTROLLER_ID = 100;
/** Listener ports inside a broker container (each container has its own address on the stack's network). */
const PORT = { CLIENT: 9092, CONTROLLER: 9093, INTERNAL: 9091, DIRECT: 9094 } as const;
const DATA_DIR = '/tmp/kgrade-data';

// A restart keeps the container's layer: meta.properties is written once, Kafka then adds its directory id.
const KAFKA_ENTRYPOINT = [
  'sh',
  '-c',
  `mkdir -p ${DATA_DIR} && { [ -f ${DATA_DIR}/meta.properties ] || printf '%s' "$KGRADE_META" > ${DATA_DIR}/meta.properties; } && ` +
    `printf '%s' "$KGRADE_PROPERTIES" > /tmp/kgrade-server.properties && exec /opt/kafka/bin/kafka-server-start.sh /tmp/kgrade-server.properties`,
];

export interface DockerStackOptions {
  images: ImageSetName;
  progress?: Progress;
}

/**
 * Starts Kafka (KRaft) and its companions as containers (testcontainers) on a private network. Each broker is
 * fronted by its own Toxiproxy container and advertises that proxy's host address to clients (CLIENT), its own
 * published DIRECT listener to the grader's observers, and its address on the network to other brokers
 * (INTERNAL; through a `replication-<id>` proxy in the same Toxiproxy container when there are several brokers).
 * Host ports are chosen before any container starts and bound fixed on 127.0.0.1. Containers in the stack
 * (Connect, registry, ksqlDB) reach Kafka on INTERNAL and PostgreSQL as `postgres:5432`.
 * `startMs` excludes building or resolving the images, as the native provider's excludes provisioning.
 */
export async function startDockerStack(spec: StackSpec, opts: DockerStackOptions): Promise<StartedKafkaStack> {
  // Ryuk's image cannot be pulled here; DockerJanitor does its job.
  process.env.TESTCONTAINERS_RYUK_DISABLED ??= 'true';
  // Ports are published on 127.0.0.1 (a local engine); without this, testcontainers may pull alpine to find a gateway.
  process.env.TESTCONTAINERS_HOST_OVERRIDE ??= '127.0.0.1';
  const progress = opts.progress ?? stderrProgress;
  await requireEngine();
  const images = await resolveImageSet(opts.images, spec, progress);
  await sweepOrphans();

  const started = Date.now();
  const stackId = crypto.randomBytes(4).toString('hex');
  const docker = (await getContainerRuntimeClient()).container.dockerode;
  const network = await new Network({ nextUuid: () => `kgrade-${stackId}` }).start();
  const janitor = new DockerJanitor(stackId, network.getName());
  const ctx: StackContext = { network, docker, images, namePrefix: `kgrade-${stackId}`, labels: { [LABEL_STACK]: stackId, [LABEL_OWNER]: String(process.pid) }, containers: [] };

  let stopping = false;
  let monitor: NodeJS.Timeout | undefined;
  const stopAll = async () => {
    stopping = true;
    clearInterval(monitor);
    // Throwaway stack: removal (forced) is the tear-down; paused containers are unpaused first. Each is
    // disconnected from the network before removal: concurrent forced removals have left Docker 20.10 with a
    // stale endpoint that blocks the network's removal.
    const net = docker.getNetwork(network.getId());
    await Promise.all(ctx.containers.map((c) => docker.getContainer(c.getId()).unpause().catch(() => undefined)));
    for (const c of ctx.containers) await net.disconnect({ Container: c.getId(), Force: true }).catch(() => undefined);
    await Promise.all(ctx.containers.map((c) => docker.getContainer(c.getId()).remove({ force: true, v: true }).catch(() => undefined)));
    // Docker may still hold a removed container's endpoint for a moment ("active endpoints"): retried.
    for (let attempt = 0; attempt < 10; attempt++) {
      const removed = await net.remove().then(() => true, (e: { statusCode?: number }) => e.statusCode === 404);
      if (removed) break;
      await delay(300);
    }
    janitor.release();
  };

  try {
    const n = spec.brokers;
    const combined = n === 1;
    const has = (s: string) => spec.services.includes(s as never);
    // Per broker: client-facing port (the proxy's, or the broker's own without Toxiproxy), DIRECT, Toxiproxy API.
    const hostPorts = await freePorts(n * 3 + 4);
    const [registryPort, connectPort, postgresPort, ksqldbPort] = hostPorts.slice(n * 3) as [number, number, number, number];
    const clientPort = (i: number) => hostPorts[i * 3]!;
    const directPort = (i: number) => hostPorts[i * 3 + 1]!;
    const apiPort = (i: number) => hostPorts[i * 3 + 2]!;
    const brokerAlias = (id: number) => `broker-${id}`;
    const kafkaInternal = Array.from({ length: n }, (_, i) => `${brokerAlias(i + 1)}:${PORT.INTERNAL}`).join(',');
    const controllerId = combined ? 1 : CONTROLLER_ID;
    // With several brokers and Toxiproxy, replication goes through a second proxy in the broker's Toxiproxy
    // container (`replication-<id>`), so a scenario can isolate a leader from its followers, not from clients.
    const replicationProxies = spec.toxiproxy && n > 1;
    const internalAdvertised = (id: number) => (replicationProxies ? `toxiproxy-${id}:${PORT.INTERNAL}` : `${brokerAlias(id)}:${PORT.INTERNAL}`);
    const voters = [`${controllerId}@${combined ? brokerAlias(1) : 'controller'}:${PORT.CONTROLLER}`];

    // Services that need no Kafka start at once, beside the brokers.
    const registryP = has('registry') && images.registryKind === 'apicurio' ? startRegistryContainer(ctx, registryPort, kafkaInternal) : undefined;
    const postgresP = has('postgres') ? startPostgresContainer(ctx, postgresPort) : undefined;
    const toxiproxyP = spec.toxiproxy ? Array.from({ length: n }, (_, i) => startToxiproxyContainer(ctx, i + 1, apiPort(i), clientPort(i))) : [];

    const kafkaContainer = (alias: string, node: KraftNode, heap: string) =>
      stackContainer(ctx, images.images.kafka!, alias)
        .withEntrypoint(KAFKA_ENTRYPOINT)
        .withEnvironment({ KGRADE_PROPERTIES: kraftProperties(node), KGRADE_META: metaProperties(node.nodeId, CLUSTER_ID), KAFKA_HEAP_OPTS: `-Xmx${heap} -Xms${heap}`, KAFKA_OPTS: JVM_DNS_TTL });

    const controllerP = combined
      ? undefined
      : startTracked(
          ctx,
          kafkaContainer('controller', { nodeId: controllerId, roles: ['controller'], voters, listeners: { CONTROLLER: `0.0.0.0:${PORT.CONTROLLER}` }, advertised: {}, logDir: DATA_DIR, clusterBrokers: n }, '192m'),
        );
    const brokerContainers = await Promise.all(
      Array.from({ length: n }, (_, i) => {
        const id = i + 1;
        const node: KraftNode = {
          nodeId: id,
          roles: combined ? ['broker', 'controller'] : ['broker'],
          voters,
          listeners: {
            CLIENT: `0.0.0.0:${PORT.CLIENT}`,
            INTERNAL: `0.0.0.0:${PORT.INTERNAL}`,
            DIRECT: `0.0.0.0:${PORT.DIRECT}`,
            ...(combined ? { CONTROLLER: `0.0.0.0:${PORT.CONTROLLER}` } : {}),
          },
          advertised: { CLIENT: `127.0.0.1:${clientPort(i)}`, INTERNAL: internalAdvertised(id), DIRECT: `127.0.0.1:${directPort(i)}` },
          logDir: DATA_DIR,
          clusterBrokers: n,
        };
        let c = kafkaContainer(brokerAlias(id), node, spec.brokerHeap).publish(PORT.DIRECT, directPort(i));
        // Without Toxiproxy, clients reach the CLIENT listener itself at the same advertised port.
        if (!spec.toxiproxy) c = c.publish(PORT.CLIENT, clientPort(i));
        return startTracked(ctx, c);
      }),
    );
    const controller = await controllerP;

    let toxiproxyUrl: string | undefined;
    const proxies = new Map<number, ProxyHandle>();
    const replication = new Map<number, ProxyHandle>();
    for (const [i, tp] of (await Promise.all(toxiproxyP)).entries()) {
      const url = await tp.ready();
      toxiproxyUrl ??= url;
      const create = (name: string, listen: string, upstream: string) =>
        createProxyRetrying(url, name, listen, upstream).catch(async (e: Error) => {
          throw new GraderError('STACK_NOT_READY', `could not create proxy ${name} on ${url}: ${e.message}`, { hint: 'see the Toxiproxy log tail', retriable: true, logTail: await containerLogTail(tp.container), cause: e });
        });
      const proxy = await create(`kafka-${i + 1}`, `0.0.0.0:${clientPort(i)}`, `${brokerAlias(i + 1)}:${PORT.CLIENT}`);
      if (replicationProxies) replication.set(i + 1, await create(`replication-${i + 1}`, `0.0.0.0:${PORT.INTERNAL}`, `${brokerAlias(i + 1)}:${PORT.INTERNAL}`));
      proxies.set(i + 1, proxy);
    }

    let stack: StartedKafkaStack | undefined;
    const brokers = brokerContainers.map(
      (c, i) => new DockerBroker(i + 1, { id: i + 1, proxied: `127.0.0.1:${clientPort(i)}`, direct: `127.0.0.1:${directPort(i)}` }, c, docker, proxies.get(i + 1), replication.get(i + 1), () => stack!.waitForBrokers(60_000)),
    );
    const services: StackServices = {};
    // A container that exits without being asked to (not a broker the grader stopped or killed) is reported.
    let failure: GraderError | undefined;
    monitor = setInterval(() => {
      if (failure || stopping) return;
      const down = new Set(brokers.filter((b) => !b.running).map((b) => b.containerId));
      void (async () => {
        for (const c of ctx.containers) {
          if (down.has(c.getId())) continue;
          const st = await containerState(docker, c.getId()).catch(() => undefined);
          if (st && !st.running && !stopping && !failure) {
            const name = c.getName().replace(/^\//, '');
            failure = new GraderError('SERVICE_DIED', `container ${name} exited on its own (exit code ${st.exitCode ?? '?'})`, { hint: 'see its log tail', retriable: true, logTail: await containerLogTail(c) });
          }
        }
      })();
    }, 2000).unref();
    const parts: StackParts = { provider: 'docker', spec, brokers, services, toxiproxyUrl, control: { faults: spec.toxiproxy, brokers: true }, startMs: 0, stop: stopAll, healthError: () => failure };
    stack = new StartedKafkaStack(parts);
    await waitUntilUsable(stack, [...brokerContainers.map((c, i) => [brokerAlias(i + 1), c] as const), ...(controller ? [['controller', controller] as const] : [])]);

    const connectP = has('connect') ? startConnectContainer(ctx, connectPort, kafkaInternal, n) : undefined;
    const confluentRegistryP = has('registry') && images.registryKind === 'confluent' ? startRegistryContainer(ctx, registryPort, kafkaInternal) : undefined;
    const ksqldbP = has('ksqldb') ? startKsqldbContainer(ctx, ksqldbPort, kafkaInternal, n, has('registry')) : undefined;
    const ready = <T>(p?: Promise<StartingService<T>>) => p?.then((s) => s.ready());
    const [registryUrl, postgres, connectUrl, ksqldbUrl] = await Promise.all([ready(registryP ?? confluentRegistryP), ready(postgresP), ready(connectP), ready(ksqldbP)]);
    Object.assign(services, { registryUrl, postgres, connectUrl, ksqldbUrl });
    for (const k of Object.keys(services) as (keyof StackServices)[]) if (services[k] === undefined) delete services[k];
    parts.startMs = Date.now() - started;
    return stack;
  } catch (e) {
    await stopAll().catch(() => undefined);
    throw e;
  }
}

/**
 * Right after start-up, through docker-proxy, Toxiproxy has been seen answering a proxy creation with
 * 400 "bad request body" while /version answered: retried, after removing any half-made proxy.
 */
async function createProxyRetrying(url: string, name: string, listen: string, upstream: string): Promise<ProxyHandle> {
  let last: unknown;
  for (let attempt = 0; attempt < 8; attempt++) {
    try {
      return await createBrokerProxy(toxiproxyApi(url), name, listen, upstream);
    } catch (e) {
      last = e;
      await fetch(`${url}/proxies/${name}`, { method: 'DELETE' }).catch(() => undefined);
      await delay(250 * (attempt + 1));
    }
  }
  throw last;
}

/** Usable = every broker registered and a probe topic with RF=N fully in sync (as the native provider). */
async function waitUntilUsable(stack: StartedKafkaStack, nodes: (readonly [string, StartedTestContainer])[]): Promise<void> {
  const n = stack.brokers.length;
  try {
    await stack.waitForBrokers(90_000);
    const probe = '__kgrade_probe';
    await stack.createTopics([{ topic: probe, numPartitions: 1, replicationFactor: n }]);
    await stack.waitForIsr(probe, 0, n, 60_000);
  } catch (e) {
    const tails = await Promise.all(nodes.map(async ([name, c]) => `--- ${name} ---\n${await containerLogTail(c, 15)}`));
    throw new GraderError('STACK_NOT_READY', `the Kafka cluster did not become usable: ${(e as Error).message}`, {
      hint: 'see the broker log tails; `docker ps -a --filter label=kgrade.stack` lists the containers',
      retriable: true,
      logTail: tails.join('\n'),
      cause: e,
    });
  }
}
