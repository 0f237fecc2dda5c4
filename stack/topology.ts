import type { KraftNode } from './services/broker/kraft-config.js';
import type { ProxyKind } from './services/proxy/toxiproxy.js';
import type { BrokerEndpoint, StackSpec } from './stack-types.js';

/** Node id of the dedicated controller (several brokers). */
export const DEDICATED_CONTROLLER_ID = 100;
/** Heap of a dedicated controller: it holds only the cluster's metadata. */
export const CONTROLLER_HEAP = '192m';

export type KafkaListener = 'CLIENT' | 'INTERNAL' | 'DIRECT' | 'CONTROLLER';

/**
 * The shape of a stack, the same on every provider that starts one: node ids, who is controller, which
 * proxies exist. One broker runs combined (broker + controller); several brokers get a dedicated controller
 * (node 100), so killing brokers never costs the quorum (with combined nodes, two followers down would stop
 * ISR changes). With Toxiproxy each broker has a client proxy (`kafka-<id>`), and with several brokers a
 * replication proxy (`replication-<id>`) in front of its INTERNAL listener: cutting it isolates a leader from
 * its followers while clients still reach it.
 */
export interface StackTopology {
  brokerIds: number[];
  /** One node is both broker and controller. */
  combined: boolean;
  controllerId: number;
  clientProxies: boolean;
  replicationProxies: boolean;
}

export function stackTopology(spec: Pick<StackSpec, 'brokers' | 'toxiproxy'>): StackTopology {
  const combined = spec.brokers === 1;
  return {
    brokerIds: Array.from({ length: spec.brokers }, (_, i) => i + 1),
    combined,
    controllerId: combined ? 1 : DEDICATED_CONTROLLER_ID,
    clientProxies: spec.toxiproxy,
    replicationProxies: spec.toxiproxy && spec.brokers > 1,
  };
}

/** Where a proxy listens inside Toxiproxy, the address clients or brokers are given for it, and what it forwards to. */
export interface ProxyAddress {
  listen: string;
  advertised: string;
}

/**
 * How a provider addresses nodes: the topology decides which address goes where.
 * `own` is a listener reached without any proxy: CLIENT and DIRECT as the grader's host sees them, INTERNAL and
 * CONTROLLER as the other nodes do. `upstream` is a listener as a proxy in front of it reaches it.
 */
export interface AddressPlan {
  bind(nodeId: number, listener: KafkaListener): string;
  own(nodeId: number, listener: KafkaListener): string;
  upstream(brokerId: number, listener: 'CLIENT' | 'INTERNAL'): string;
  proxy(kind: ProxyKind, brokerId: number): ProxyAddress;
}

/** The dedicated controller's node, or undefined when a broker is also the controller. */
export function controllerNode(t: StackTopology, plan: AddressPlan, logDir: string): KraftNode | undefined {
  if (t.combined) return undefined;
  return {
    nodeId: t.controllerId,
    roles: ['controller'],
    voters: voters(t, plan),
    listeners: { CONTROLLER: plan.bind(t.controllerId, 'CONTROLLER') },
    advertised: {},
    logDir,
    clusterBrokers: t.brokerIds.length,
  };
}

/** A broker's node: CLIENT advertised as its proxy (clients cannot bypass faults), INTERNAL as its replication proxy. */
export function brokerNode(t: StackTopology, plan: AddressPlan, id: number, logDir: string): KraftNode {
  const bind = (l: KafkaListener) => plan.bind(id, l);
  return {
    nodeId: id,
    roles: t.combined ? ['broker', 'controller'] : ['broker'],
    voters: voters(t, plan),
    listeners: {
      CLIENT: bind('CLIENT'),
      INTERNAL: bind('INTERNAL'),
      DIRECT: bind('DIRECT'),
      ...(t.combined ? { CONTROLLER: bind('CONTROLLER') } : {}),
    },
    advertised: {
      CLIENT: brokerEndpoint(t, plan, id).proxied,
      INTERNAL: t.replicationProxies ? plan.proxy('replication', id).advertised : plan.own(id, 'INTERNAL'),
      DIRECT: plan.own(id, 'DIRECT'),
    },
    logDir,
    clusterBrokers: t.brokerIds.length,
  };
}

function voters(t: StackTopology, plan: AddressPlan): string[] {
  return [`${t.controllerId}@${plan.own(t.controllerId, 'CONTROLLER')}`];
}

/** What clients and the grader's observers are given for a broker. */
export function brokerEndpoint(t: StackTopology, plan: AddressPlan, id: number): BrokerEndpoint {
  return {
    id,
    proxied: t.clientProxies ? plan.proxy('client', id).advertised : plan.own(id, 'CLIENT'),
    direct: plan.own(id, 'DIRECT'),
  };
}

export interface ProxyPlan {
  kind: ProxyKind;
  brokerId: number;
  listen: string;
  upstream: string;
}

/** The proxies in front of one broker, client first. */
export function brokerProxies(t: StackTopology, plan: AddressPlan, id: number): ProxyPlan[] {
  const out: ProxyPlan[] = [];
  if (t.clientProxies)
    out.push({
      kind: 'client',
      brokerId: id,
      listen: plan.proxy('client', id).listen,
      upstream: plan.upstream(id, 'CLIENT'),
    });
  if (t.replicationProxies)
    out.push({
      kind: 'replication',
      brokerId: id,
      listen: plan.proxy('replication', id).listen,
      upstream: plan.upstream(id, 'INTERNAL'),
    });
  return out;
}
