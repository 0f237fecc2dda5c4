import type * as model from '../model/stack-needs.js';
import type { ServiceName } from './services/all.js';

export { SERVICE_NAMES, type ServiceName } from './services/all.js';

/** What an exercise needs from a stack, its services named by the registered modules. */
export type StackNeeds = model.StackNeeds<ServiceName>;

export type ProviderName = 'native' | 'docker' | 'external';

export interface StackSpec {
  brokers: number;
  toxiproxy: boolean;
  services: ServiceName[];
  /** Per-broker JVM heap, e.g. '256m'. */
  brokerHeap: string;
}

export type ToxicType = 'latency' | 'bandwidth' | 'slow_close' | 'timeout' | 'reset_peer' | 'slicer' | 'limit_data';

/** A toxic on one broker's proxy. `downstream` = broker -> client (responses), `upstream` = client -> broker. */
export interface ToxicSpec {
  type: ToxicType;
  stream?: 'upstream' | 'downstream';
  toxicity?: number;
  attributes: Record<string, number>;
  name?: string;
}

export interface BrokerEndpoint {
  id: number;
  /** What clients use: the Toxiproxy proxy in front of the broker (equals `direct` without Toxiproxy). */
  proxied: string;
  /** The grader's own observer listener, never faulted. */
  direct: string;
}
