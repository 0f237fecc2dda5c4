import type { BrokerEndpoint } from '../../stack-types.js';
import { brokerEndpoint, type AddressPlan, type StackTopology } from '../../topology.js';
import { proxyName } from '../proxy/toxiproxy.js';
import type { ProxyHandle } from '../proxy/toxiproxy-control.js';

/** What a broker's handle is made of on every provider, apart from what runs it (a process, a container). */
export interface BrokerWiring {
  id: number;
  endpoint: BrokerEndpoint;
  /** Its client proxy (with Toxiproxy). */
  proxy: ProxyHandle | undefined;
  /** The proxy followers fetch through when this broker leads (several brokers with Toxiproxy). */
  replicationProxy: ProxyHandle | undefined;
  /** Waits until the stack's brokers are registered again (after a restart). */
  waitRegistered: () => Promise<void>;
}

/**
 * One handle per broker of the topology, in broker order: each wired to its endpoint, its proxies (`proxies` keyed
 * by `proxyName`) and the stack's registration wait; `make` adds what runs it.
 */
export function wireBrokers<B>(
  topology: StackTopology,
  plan: AddressPlan,
  proxies: ReadonlyMap<string, ProxyHandle>,
  waitRegistered: () => Promise<void>,
  make: (wiring: BrokerWiring, index: number) => B,
): B[] {
  return topology.brokerIds.map((id, i) =>
    make(
      {
        id,
        endpoint: brokerEndpoint(topology, plan, id),
        proxy: proxies.get(proxyName('client', id)),
        replicationProxy: proxies.get(proxyName('replication', id)),
        waitRegistered,
      },
      i,
    ),
  );
}

/** The fields every provider's broker handle exposes from its wiring. */
export abstract class WiredBroker {
  readonly id: number;
  readonly endpoint: BrokerEndpoint;
  readonly proxy: ProxyHandle | undefined;
  readonly replicationProxy: ProxyHandle | undefined;
  protected readonly waitRegistered: () => Promise<void>;

  constructor(wiring: BrokerWiring) {
    this.id = wiring.id;
    this.endpoint = wiring.endpoint;
    this.proxy = wiring.proxy;
    this.replicationProxy = wiring.replicationProxy;
    this.waitRegistered = wiring.waitRegistered;
  }
}
