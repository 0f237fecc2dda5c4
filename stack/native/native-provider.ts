import fs from 'node:fs';
import path from 'node:path';
import { GraderError } from '../../core/errors.js';
import { freePorts } from '../../core/ports.js';
import { cachePaths } from '../cache-paths.js';
import { kraftProperties, metaProperties, type KraftNode } from '../kraft-config.js';
import { componentsFor, provision, stderrProgress } from '../provision/provision.js';
import { StartedKafkaStack, type StackParts, type StackServices } from '../started-stack.js';
import type { StackSpec } from '../stack-types.js';
import { createBrokerProxy, toxiproxyApi, type ProxyHandle } from '../toxiproxy-control.js';
import { CLUSTER_ID } from '../versions.js';
import { kafkaJava } from './jvm.js';
import { NativeBroker, writeNodeFiles } from './native-broker.js';
import { startConnect, startPostgres, startRegistry, startToxiproxy } from './native-services.js';
import { Reaper } from './reaper.js';
import { ServiceProcess } from './service-process.js';

const CONTROLLER_ID = 100;
const HOST = '127.0.0.1';

/**
 * Starts Kafka (KRaft) and its companions as local processes. One broker runs combined
 * (broker + controller); several brokers get a dedicated controller so that killing brokers
 * never costs the cluster its quorum.
 */
export async function startNativeStack(spec: StackSpec, progress = stderrProgress): Promise<StartedKafkaStack> {
  const t0 = Date.now();
  await provision(componentsFor({ toxiproxy: spec.toxiproxy, services: spec.services }), progress);
  if (spec.services.includes('ksqldb')) {
    throw new GraderError('STACK_NOT_READY', 'ksqlDB has no native build: it is only published as a Confluent container image', {
      hint: 'grade ksqlDB exercises with --stack docker --images official on a machine that can pull confluentinc/ksqldb-server',
    });
  }
  const started = Date.now();
  fs.mkdirSync(cachePaths.runs(), { recursive: true });
  const dir = fs.mkdtempSync(path.join(cachePaths.runs(), 'stack-'));
  const reaper = new Reaper(dir);
  const processes: ServiceProcess[] = [];
  let stopping = false;
  let failure: GraderError | undefined;
  const track = (p: ServiceProcess) => {
    processes.push(p);
    p.onUnexpectedExit((err) => {
      if (!stopping) failure ??= err;
    });
    return p;
  };

  const stopAll = async () => {
    stopping = true;
    // A stack is throwaway: no data needs a clean shutdown, so tear-down is a kill (fast, total).
    await Promise.all(processes.map((p) => p.kill()));
    reaper.killRegistered();
    for (const extra of reaper.extraDirs()) fs.rmSync(extra, { recursive: true, force: true });
    reaper.release();
    fs.rmSync(dir, { recursive: true, force: true });
  };

  try {
    const n = spec.brokers;
    const combined = n === 1;
    // Per broker: CLIENT (behind the proxy), INTERNAL, DIRECT, client proxy, replication proxy; plus the controller port.
    const ports = await freePorts(n * 5 + 1);
    const controllerPort = ports[n * 5]!;
    const portsOf = (i: number) => ports.slice(i * 5, i * 5 + 5) as [number, number, number, number, number];
    // With several brokers and Toxiproxy, replication (followers fetching from a leader) goes through its own
    // proxy per broker, so a scenario can isolate a leader from its followers without touching clients.
    const replicationProxies = spec.toxiproxy && n > 1;
    const controllerId = combined ? 1 : CONTROLLER_ID;
    const voters = [`${controllerId}@${HOST}:${controllerPort}`];

    const registryP = spec.services.includes('registry') ? startRegistry(dir, reaper).then((s) => (track(s.process), s.value)) : undefined;
    const postgresP = spec.services.includes('postgres') ? startPostgres(reaper).then((s) => (track(s.process), s.value)) : undefined;
    registryP?.catch(() => undefined);
    postgresP?.catch(() => undefined);

    let toxiproxyUrl: string | undefined;
    const proxies = new Map<number, ProxyHandle>();
    const replication = new Map<number, ProxyHandle>();
    if (spec.toxiproxy) {
      const tp = await startToxiproxy(dir, reaper);
      track(tp.process);
      toxiproxyUrl = tp.value;
      const api = toxiproxyApi(toxiproxyUrl);
      for (let i = 0; i < n; i++) {
        const id = i + 1;
        const [client, internal, , proxyPort, replicationPort] = portsOf(i);
        proxies.set(id, await createBrokerProxy(api, `kafka-${id}`, `${HOST}:${proxyPort}`, `${HOST}:${client}`));
        if (replicationProxies) replication.set(id, await createBrokerProxy(api, `replication-${id}`, `${HOST}:${replicationPort}`, `${HOST}:${internal}`));
      }
    }

    if (!combined) {
      const cdir = path.join(dir, `controller-${controllerId}`);
      fs.mkdirSync(cdir, { recursive: true });
      const node: KraftNode = { nodeId: controllerId, roles: ['controller'], voters, listeners: { CONTROLLER: `${HOST}:${controllerPort}` }, advertised: {}, logDir: path.join(cdir, 'data'), clusterBrokers: n };
      const file = writeNodeFiles(cdir, kraftProperties(node), metaProperties(controllerId, CLUSTER_ID), node.logDir);
      const proc = track(new ServiceProcess('controller', { ...kafkaJava(cdir, '192m', 'kafka.Kafka', [file]), logFile: path.join(cdir, 'controller.log') }, reaper));
      proc.start();
    }

    let stack: StartedKafkaStack | undefined;
    const brokers: NativeBroker[] = [];
    for (let i = 0; i < n; i++) {
      const id = i + 1;
      const [client, internal, direct, proxyPort, replicationPort] = portsOf(i);
      const internalAdvertised = replicationProxies ? `${HOST}:${replicationPort}` : `${HOST}:${internal}`;
      const bdir = path.join(dir, `broker-${id}`);
      fs.mkdirSync(bdir, { recursive: true });
      const clientAdvertised = spec.toxiproxy ? `${HOST}:${proxyPort}` : `${HOST}:${client}`;
      const node: KraftNode = {
        nodeId: id,
        roles: combined ? ['broker', 'controller'] : ['broker'],
        voters,
        listeners: { CLIENT: `${HOST}:${client}`, INTERNAL: `${HOST}:${internal}`, DIRECT: `${HOST}:${direct}`, ...(combined ? { CONTROLLER: `${HOST}:${controllerPort}` } : {}) },
        advertised: { CLIENT: clientAdvertised, INTERNAL: internalAdvertised, DIRECT: `${HOST}:${direct}` },
        logDir: path.join(bdir, 'data'),
        clusterBrokers: n,
      };
      const file = writeNodeFiles(bdir, kraftProperties(node), metaProperties(id, CLUSTER_ID), node.logDir);
      const proc = track(new ServiceProcess(`broker-${id}`, { ...kafkaJava(bdir, spec.brokerHeap, 'kafka.Kafka', [file]), logFile: path.join(bdir, 'broker.log') }, reaper));
      const broker = new NativeBroker(id, { id, proxied: clientAdvertised, direct: `${HOST}:${direct}` }, proc, proxies.get(id), replication.get(id), () => stack!.waitForBrokers(60_000));
      brokers.push(broker);
      proc.start();
    }

    const services: StackServices = {};
    const parts: StackParts = { provider: 'native', spec, brokers, services, toxiproxyUrl, control: { faults: spec.toxiproxy, brokers: true }, startMs: 0, stop: stopAll, healthError: () => failure, processIds: () => processes.flatMap((p) => (p.running && p.pid ? [p.pid] : [])), workDir: dir };
    stack = new StartedKafkaStack(parts);

    await waitUntilUsable(stack, processes, () => failure);
    const [registryUrl, postgres, connectUrl] = await Promise.all([
      registryP,
      postgresP,
      spec.services.includes('connect') ? startConnect(dir, reaper, stack.directBootstrapServers, n).then((s) => (track(s.process), s.value)) : undefined,
    ]);
    Object.assign(services, { registryUrl, postgres, connectUrl });
    parts.startMs = Date.now() - started;
    if (Date.now() - t0 > parts.startMs + 1000) progress(`stack ready in ${(parts.startMs / 1000).toFixed(1)} s (provisioning excluded)`);
    return stack;
  } catch (e) {
    await stopAll().catch(() => undefined);
    throw e;
  }
}

/** Usable = every broker registered and a probe topic with RF=N fully in sync. */
async function waitUntilUsable(stack: StartedKafkaStack, processes: ServiceProcess[], failure: () => GraderError | undefined): Promise<void> {
  const n = stack.brokers.length;
  const check = () => {
    const f = failure();
    if (f) throw f;
  };
  try {
    await raceFailure(stack.waitForBrokers(60_000), check);
    const probe = '__kgrade_probe';
    await raceFailure(stack.createTopics([{ topic: probe, numPartitions: 1, replicationFactor: n }]), check);
    await raceFailure(stack.waitForIsr(probe, 0, n, 60_000), check);
  } catch (e) {
    if (e instanceof GraderError) throw e;
    const tails = processes.filter((p) => p.name.startsWith('broker') || p.name === 'controller').map((p) => `--- ${p.name} (${p.running ? 'running' : 'exited'}) ---\n${p.logTail(15)}`);
    throw new GraderError('STACK_NOT_READY', `the Kafka cluster did not become usable: ${(e as Error).message}`, {
      hint: 'see the broker log tails; `kgrade doctor` checks Java and the provisioned jars',
      retriable: true,
      logTail: tails.join('\n'),
      cause: e,
    });
  }
}

async function raceFailure<T>(p: Promise<T>, check: () => void): Promise<T> {
  let poll: NodeJS.Timeout | undefined;
  const died = new Promise<never>((_, reject) => {
    poll = setInterval(() => {
      try {
        check();
      } catch (e) {
        reject(e);
      }
    }, 200);
  });
  try {
    return await Promise.race([p, died]);
  } finally {
    clearInterval(poll);
  }
}
