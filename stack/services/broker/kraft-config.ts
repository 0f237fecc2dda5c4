/** KRaft node configuration, shared by every provider. Pure: data in, server.properties text out. */
export interface KraftNode {
  nodeId: number;
  roles: ('broker' | 'controller')[];
  /** `id@host:port` of every controller. */
  voters: string[];
  /** Listener name -> bind address (host:port). */
  listeners: Partial<Record<'CLIENT' | 'INTERNAL' | 'DIRECT' | 'CONTROLLER', string>>;
  /** Listener name -> advertised address; CLIENT advertises the proxy in front of the broker. */
  advertised: Partial<Record<'CLIENT' | 'INTERNAL' | 'DIRECT', string>>;
  logDir: string;
  /** Brokers in the cluster: sets internal topics' replication. */
  clusterBrokers: number;
}

/** How long the controller waits for a broker's heartbeat before fencing it, and how often brokers send one. */
export const BROKER_SESSION_TIMEOUT_MS = 3000;
export const BROKER_HEARTBEAT_INTERVAL_MS = 500;

/**
 * Settings that differ from Kafka's defaults, and why:
 * - faster fencing of a dead broker (session 3 s, heartbeat 500 ms) and ISR shrink (replica lag 5 s), so fault
 *   scenarios conclude in seconds, not the default 9 s / 30 s;
 * - no initial rebalance delay, so consumer groups start at once;
 * - internal topics replicated as much as the cluster allows.
 * Everything a student's answer can depend on (auto topic creation, min.insync.replicas=1, retention,
 * unclean election off) keeps Kafka's default.
 */
export function kraftProperties(n: KraftNode): string {
  const isBroker = n.roles.includes('broker');
  const rf = Math.min(3, n.clusterBrokers);
  const listeners = Object.entries(n.listeners).map(([name, addr]) => `${name}://${addr}`);
  const advertised = Object.entries(n.advertised).map(([name, addr]) => `${name}://${addr}`);
  const protocolMap = [...new Set([...Object.keys(n.listeners), 'CONTROLLER'])].map((name) => `${name}:PLAINTEXT`);
  const props: Record<string, string | number> = {
    'process.roles': n.roles.join(','),
    'node.id': n.nodeId,
    'controller.quorum.voters': n.voters.join(','),
    'controller.listener.names': 'CONTROLLER',
    listeners: listeners.join(','),
    'listener.security.protocol.map': protocolMap.join(','),
    'log.dirs': n.logDir,
    // Read by the controller (fencing) and by brokers (heartbeats): both roles need them.
    'broker.session.timeout.ms': BROKER_SESSION_TIMEOUT_MS,
    'broker.heartbeat.interval.ms': BROKER_HEARTBEAT_INTERVAL_MS,
  };
  if (isBroker) {
    Object.assign(props, {
      'advertised.listeners': advertised.join(','),
      'inter.broker.listener.name': 'INTERNAL',
      'offsets.topic.replication.factor': rf,
      'offsets.topic.num.partitions': 10,
      'transaction.state.log.replication.factor': rf,
      'transaction.state.log.min.isr': Math.min(2, rf),
      'group.initial.rebalance.delay.ms': 0,
      'replica.lag.time.max.ms': 5000,
      'controlled.shutdown.enable': 'true',
      'log.flush.interval.messages': Number.MAX_SAFE_INTEGER,
      'num.network.threads': 2,
      'num.io.threads': 4,
    });
  }
  return Object.entries(props)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n')
    .concat('\n');
}

/** meta.properties for a fresh KRaft log dir: what `kafka-storage format` writes, without a JVM start. */
export function metaProperties(nodeId: number, clusterId: string): string {
  return `version=1\nnode.id=${nodeId}\ncluster.id=${clusterId}\n`;
}
