import fs from 'node:fs';
import crypto from 'node:crypto';
import { getContainerRuntimeClient, Network } from 'testcontainers';
import { GraderError } from '../../core/errors.js';
import { freePorts } from '../../core/ports.js';
import { delay } from '../../core/wait-for.js';
import { requireEngine } from './images/docker-cli.js';
import type { ImageSetName } from './images/versions.js';
import type { Progress } from '../provision/component.js';
import { stderrProgress } from '../provision/provision.js';
import { clusterNotUsable, waitUntilUsable } from '../readiness.js';
import { BROKER_CONTAINER, BROKER_CONTAINER_ENTRYPOINT, brokerContainerEnv } from '../services/broker/broker.js';
import type { KraftNode } from '../services/broker/kraft-config.js';
import { wireBrokers } from '../services/broker/broker-wiring.js';
import { proxyName } from '../services/proxy/toxiproxy.js';
import { createBrokerProxy, toxiproxyApi, type ProxyHandle } from '../services/proxy/toxiproxy-control.js';
import { JVM_DNS_TTL } from '../kafka-java.js';
import { serviceModules, type StackServices } from '../services/all.js';
import { StartedKafkaStack, type StackParts } from '../started-stack.js';
import type { StackSpec } from '../stack-types.js';
import {
  brokerNode,
  brokerProxies,
  controllerNode,
  CONTROLLER_HEAP,
  DEDICATED_CONTROLLER_ID,
  stackTopology,
  type AddressPlan,
} from '../topology.js';
import { DockerBroker } from './docker-broker.js';
import { DockerJanitor, LABEL_OWNER, LABEL_STACK, sweepOrphans } from './docker-cleanup.js';
import { resolveImageSet } from './docker-images.js';
import {
  containerHost,
  startToxiproxyContainer,
  startTracked,
  stackContainer,
  type StackContext,
} from './docker-services.js';
import { containerLogTail, containerState } from './kgrade-container.js';

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
  const ctx: StackContext = {
    network,
    docker,
    images,
    namePrefix: `kgrade-${stackId}`,
    labels: { [LABEL_STACK]: stackId, [LABEL_OWNER]: String(process.pid) },
    containers: [],
  };

  let stopping = false;
  let monitor: NodeJS.Timeout | undefined;
  const stopAll = async () => {
    stopping = true;
    clearInterval(monitor);
    // Throwaway stack: removal (forced) is the tear-down; paused containers are unpaused first. Each is
    // disconnected from the network before removal: concurrent forced removals have left Docker 20.10 with a
    // stale endpoint that blocks the network's removal.
    const net = docker.getNetwork(network.getId());
    await Promise.all(
      ctx.containers.map((c) =>
        docker
          .getContainer(c.getId())
          .unpause()
          .catch(() => undefined),
      ),
    );
    for (const c of ctx.containers) await net.disconnect({ Container: c.getId(), Force: true }).catch(() => undefined);
    await Promise.all(
      ctx.containers.map((c) =>
        docker
          .getContainer(c.getId())
          .remove({ force: true, v: true })
          .catch(() => undefined),
      ),
    );
    for (const d of ctx.hostDirs ?? []) fs.rmSync(d, { recursive: true, force: true });
    // Docker may still hold a removed container's endpoint for a moment ("active endpoints"): retried.
    for (let attempt = 0; attempt < 10; attempt++) {
      const removed = await net.remove().then(
        () => true,
        (e: { statusCode?: number }) => e.statusCode === 404,
      );
      if (removed) break;
      await delay(300);
    }
    janitor.release();
  };

  try {
    const topology = stackTopology(spec);
    const n = topology.brokerIds.length;
    // Per broker: client-facing port (the proxy's, or the broker's own without Toxiproxy), DIRECT, Toxiproxy API;
    // then the ports each stack service asks for, in registration order.
    const modules = serviceModules(spec.services);
    const hostPorts = await freePorts(n * 3 + modules.reduce((k, m) => k + m.container.hostPorts, 0));
    const apiPort = (id: number) => hostPorts[(id - 1) * 3 + 2]!;
    const plan = dockerAddresses(hostPorts);
    const kafkaInternal = topology.brokerIds.map((id) => plan.own(id, 'INTERNAL')).join(',');
    let next = n * 3;
    const starts = modules.map((m) => {
      const ports = hostPorts.slice(next, (next += m.container.hostPorts));
      const host = containerHost(ctx, m.name, { kafkaInternal, brokers: n, services: spec.services });
      return { after: m.container.afterBrokers(images), start: () => m.container.start(host, ports) };
    });

    // Services that need no Kafka start at once, beside the brokers.
    const besideP = starts.filter((s) => !s.after).map((s) => s.start());
    for (const p of besideP) p.catch(() => undefined);
    const toxiproxyP = spec.toxiproxy
      ? topology.brokerIds.map((id) => startToxiproxyContainer(ctx, id, apiPort(id), plan.port(id, 'CLIENT')))
      : [];

    const kafkaContainer = (alias: string, node: KraftNode, heap: string) =>
      stackContainer(ctx, images.images.kafka!, alias)
        .withEntrypoint(BROKER_CONTAINER_ENTRYPOINT)
        .withEnvironment(brokerContainerEnv(node, heap, JVM_DNS_TTL));

    const controller = controllerNode(topology, plan, BROKER_CONTAINER.dataDir);
    const controllerP = controller
      ? startTracked(ctx, kafkaContainer(nodeAlias(controller.nodeId), controller, CONTROLLER_HEAP))
      : undefined;
    const brokerContainers = await Promise.all(
      topology.brokerIds.map((id) => {
        let c = kafkaContainer(
          nodeAlias(id),
          brokerNode(topology, plan, id, BROKER_CONTAINER.dataDir),
          spec.brokerHeap,
        ).publish(BROKER_CONTAINER.ports.DIRECT, plan.port(id, 'DIRECT'));
        // Without Toxiproxy, clients reach the CLIENT listener itself at the same advertised port.
        if (!spec.toxiproxy) c = c.publish(BROKER_CONTAINER.ports.CLIENT, plan.port(id, 'CLIENT'));
        return startTracked(ctx, c);
      }),
    );
    const controllerContainer = await controllerP;

    let toxiproxyUrl: string | undefined;
    const proxies = new Map<string, ProxyHandle>();
    for (const [i, tp] of (await Promise.all(toxiproxyP)).entries()) {
      const id = topology.brokerIds[i]!;
      const url = await tp.ready();
      toxiproxyUrl ??= url;
      for (const p of brokerProxies(topology, plan, id)) {
        const name = proxyName(p.kind, id);
        const proxy = await createProxyRetrying(url, name, p.listen, p.upstream).catch(async (e: Error) => {
          throw new GraderError('STACK_NOT_READY', `could not create proxy ${name} on ${url}: ${e.message}`, {
            hint: 'see the Toxiproxy log tail',
            logTail: await containerLogTail(tp.container),
            cause: e,
          });
        });
        proxies.set(name, proxy);
      }
    }

    let stack: StartedKafkaStack | undefined;
    const brokers = wireBrokers(
      topology,
      plan,
      proxies,
      () => stack!.waitForBrokers(60_000),
      (w, i) => new DockerBroker(w, brokerContainers[i]!, docker),
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
            failure = new GraderError(
              'SERVICE_DIED',
              `container ${name} exited on its own (exit code ${st.exitCode ?? '?'})`,
              { hint: 'see its log tail', logTail: await containerLogTail(c) },
            );
          }
        }
      })();
    }, 2000).unref();
    const parts: StackParts = {
      provider: 'docker',
      spec,
      brokers,
      services,
      toxiproxyUrl,
      control: { faults: spec.toxiproxy, brokers: true },
      startMs: 0,
      stop: stopAll,
      healthError: () => failure,
    };
    stack = new StartedKafkaStack(parts);
    const nodes = [
      ...brokerContainers.map((c, i) => [nodeAlias(topology.brokerIds[i]!), c] as const),
      ...(controllerContainer ? [[nodeAlias(topology.controllerId), controllerContainer] as const] : []),
    ];
    await waitUntilUsable(stack, { registerTimeoutMs: 90_000, isrTimeoutMs: 60_000 }).catch(async (e: unknown) => {
      const tails = await Promise.all(
        nodes.map(async ([name, c]) => `--- ${name} ---\n${await containerLogTail(c, 15)}`),
      );
      throw clusterNotUsable(
        e,
        'see the broker log tails; `docker ps -a --filter label=kgrade.stack` lists the containers',
        tails,
      );
    });

    const afterP = starts.filter((s) => s.after).map((s) => s.start());
    const ready = await Promise.all([...besideP, ...afterP].map(async (p) => (await p)()));
    Object.assign(services, ...ready);
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

/** A node's name on the stack's network (and its host name). */
function nodeAlias(id: number): string {
  return id === DEDICATED_CONTROLLER_ID ? 'controller' : `broker-${id}`;
}

/**
 * Each container has its own address on the stack's network, so every node binds the same fixed ports
 * (BROKER_CONTAINER.ports) and nodes reach each other by name. The host reaches a broker only through ports
 * chosen before any container starts and published on 127.0.0.1: per broker, its clients' port (its
 * Toxiproxy container's proxy, or the broker's CLIENT listener without Toxiproxy), DIRECT, and its Toxiproxy API.
 * A broker's replication proxy listens in its Toxiproxy container at INTERNAL's port.
 */
function dockerAddresses(hostPorts: number[]): AddressPlan & { port(id: number, l: 'CLIENT' | 'DIRECT'): number } {
  const { ports } = BROKER_CONTAINER;
  const port = (id: number, l: 'CLIENT' | 'DIRECT') => hostPorts[(id - 1) * 3 + (l === 'CLIENT' ? 0 : 1)]!;
  return {
    port,
    bind: (_id, l) => `0.0.0.0:${ports[l]}`,
    own: (id, l) => (l === 'CLIENT' || l === 'DIRECT' ? `127.0.0.1:${port(id, l)}` : `${nodeAlias(id)}:${ports[l]}`),
    upstream: (id, l) => `${nodeAlias(id)}:${ports[l]}`,
    proxy: (kind, id) =>
      kind === 'client'
        ? { listen: `0.0.0.0:${port(id, 'CLIENT')}`, advertised: `127.0.0.1:${port(id, 'CLIENT')}` }
        : { listen: `0.0.0.0:${ports.INTERNAL}`, advertised: `toxiproxy-${id}:${ports.INTERNAL}` },
  };
}
