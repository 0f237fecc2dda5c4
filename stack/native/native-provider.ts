import fs from 'node:fs';
import path from 'node:path';
import { GraderError } from '../../core/errors.js';
import { freePorts } from '../../core/ports.js';
import { cachePaths } from '../cache-paths.js';
import { KAFKA_MAIN, kafkaJava } from '../kafka-java.js';
import { provision, stderrProgress } from '../provision/provision.js';
import { clusterNotUsable, waitUntilUsable } from '../readiness.js';
import { kraftProperties, metaProperties, type KraftNode } from '../services/broker/kraft-config.js';
import { componentsFor, serviceModules, type StackServices } from '../services/all.js';
import { wireBrokers } from '../services/broker/broker-wiring.js';
import { proxyName } from '../services/proxy/toxiproxy.js';
import { createBrokerProxy, toxiproxyApi, type ProxyHandle } from '../services/proxy/toxiproxy-control.js';
import { isUnavailable, type NativeRecipe } from '../services/stack-service.js';
import { StartedKafkaStack, type StackParts } from '../started-stack.js';
import type { StackSpec } from '../stack-types.js';
import {
  brokerNode,
  brokerProxies,
  controllerNode,
  CONTROLLER_HEAP,
  stackTopology,
  type AddressPlan,
  type KafkaListener,
} from '../topology.js';
import { CLUSTER_ID } from '../versions.js';
import { NativeBroker, writeNodeFiles } from './native-broker.js';
import { nativeHost, startToxiproxy } from './native-services.js';
import { Reaper } from './reaper.js';
import { ServiceProcess } from './service-process.js';

const HOST = '127.0.0.1';

/** Starts Kafka (KRaft) and its companions as local processes, in the shape `stackTopology` gives. */
export async function startNativeStack(spec: StackSpec, progress = stderrProgress): Promise<StartedKafkaStack> {
  const t0 = Date.now();
  const recipes: NativeRecipe<object>[] = [];
  for (const s of serviceModules(spec.services)) {
    // Said before provisioning: nothing is downloaded for a stack that cannot start.
    if (isUnavailable(s.native))
      throw new GraderError('SERVICE_UNAVAILABLE', s.native.unavailable, { hint: s.native.hint });
    recipes.push(s.native);
  }
  await provision(componentsFor({ toxiproxy: spec.toxiproxy, services: spec.services }), progress);
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
    const topology = stackTopology(spec);
    const n = topology.brokerIds.length;
    // Per broker: CLIENT (behind the proxy), INTERNAL, DIRECT, client proxy, replication proxy; plus the controller port.
    const ports = await freePorts(n * 5 + 1);
    const plan = nativeAddresses(ports, n);

    let stack: StartedKafkaStack | undefined;
    const host = nativeHost({ dir, reaper, track, bootstrap: () => stack!.directBootstrapServers, brokers: n });
    // Services that need no Kafka start at once, beside the brokers; the others once the brokers are usable.
    const beside = recipes.filter((r) => !r.afterBrokers).map((r) => r.start(host));
    for (const p of beside) p.catch(() => undefined);

    let toxiproxyUrl: string | undefined;
    const proxies = new Map<string, ProxyHandle>();
    if (spec.toxiproxy) {
      const tp = await startToxiproxy(dir, reaper);
      track(tp.process);
      toxiproxyUrl = tp.value;
      const api = toxiproxyApi(toxiproxyUrl);
      for (const id of topology.brokerIds) {
        for (const p of brokerProxies(topology, plan, id))
          proxies.set(proxyName(p.kind, id), await createBrokerProxy(api, proxyName(p.kind, id), p.listen, p.upstream));
      }
    }

    const startNode = (name: string, logName: string, node: KraftNode, heap: string) => {
      const ndir = path.dirname(node.logDir);
      const file = writeNodeFiles(ndir, kraftProperties(node), metaProperties(node.nodeId, CLUSTER_ID), node.logDir);
      const proc = track(
        new ServiceProcess(
          name,
          { ...kafkaJava(ndir, heap, KAFKA_MAIN.server, [file]), logFile: path.join(ndir, logName) },
          reaper,
        ),
      );
      proc.start();
      return proc;
    };
    const controller = controllerNode(topology, plan, path.join(dir, `controller-${topology.controllerId}`, 'data'));
    if (controller) startNode('controller', 'controller.log', controller, CONTROLLER_HEAP);

    const brokers = wireBrokers(
      topology,
      plan,
      proxies,
      () => stack!.waitForBrokers(60_000),
      (w) => {
        const node = brokerNode(topology, plan, w.id, path.join(dir, `broker-${w.id}`, 'data'));
        return new NativeBroker(w, startNode(`broker-${w.id}`, 'broker.log', node, spec.brokerHeap));
      },
    );

    const services: StackServices = {};
    const parts: StackParts = {
      provider: 'native',
      spec,
      brokers,
      services,
      toxiproxyUrl,
      control: { faults: spec.toxiproxy, brokers: true },
      startMs: 0,
      stop: stopAll,
      healthError: () => failure,
      processIds: () => processes.flatMap((p) => (p.running && p.pid ? [p.pid] : [])),
      workDir: dir,
    };
    stack = new StartedKafkaStack(parts);

    await waitUntilUsable(stack, { registerTimeoutMs: 60_000, isrTimeoutMs: 60_000, failure: () => failure }).catch(
      (e: unknown) => {
        const tails = processes
          .filter((p) => p.name.startsWith('broker') || p.name === 'controller')
          .map((p) => `--- ${p.name} (${p.running ? 'running' : 'exited'}) ---\n${p.logTail(15)}`);
        throw clusterNotUsable(
          e,
          'see the broker log tails; `kgrade doctor` checks Java and the provisioned jars',
          tails,
        );
      },
    );
    const after = recipes.filter((r) => r.afterBrokers).map((r) => r.start(host));
    Object.assign(services, ...(await Promise.all([...beside, ...after])));
    parts.startMs = Date.now() - started;
    if (Date.now() - t0 > parts.startMs + 1000)
      progress(`stack ready in ${(parts.startMs / 1000).toFixed(1)} s (provisioning excluded)`);
    return stack;
  } catch (e) {
    await stopAll().catch(() => undefined);
    throw e;
  }
}

/**
 * Every node on 127.0.0.1, each listener on its own free port: per broker CLIENT, INTERNAL, DIRECT, its client
 * proxy and its replication proxy (5 ports), then the controller's port (the combined node's CONTROLLER).
 */
function nativeAddresses(ports: number[], brokers: number): AddressPlan {
  const at = (port: number) => `${HOST}:${port}`;
  const slot = { CLIENT: 0, INTERNAL: 1, DIRECT: 2 } as const;
  const port = (id: number, l: KafkaListener) =>
    l === 'CONTROLLER' ? ports[brokers * 5]! : ports[(id - 1) * 5 + slot[l]]!;
  return {
    bind: (id, l) => at(port(id, l)),
    own: (id, l) => at(port(id, l)),
    upstream: (id, l) => at(port(id, l)),
    proxy: (kind, id) => {
      const address = at(ports[(id - 1) * 5 + (kind === 'client' ? 3 : 4)]!);
      return { listen: address, advertised: address };
    },
  };
}
