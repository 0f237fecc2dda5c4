import { describe, expect, it } from 'vitest';
import {
  brokerEndpoint,
  brokerNode,
  brokerProxies,
  controllerNode,
  stackTopology,
  type AddressPlan,
} from './topology.js';

/** Every address names its node, listener or proxy, so each assertion shows which one the topology chose. */
const plan: AddressPlan = {
  bind: (id, l) => `bind-${id}-${l}`,
  own: (id, l) => `own-${id}-${l}`,
  upstream: (id, l) => `up-${id}-${l}`,
  proxy: (kind, id) => ({ listen: `listen-${kind}-${id}`, advertised: `adv-${kind}-${id}` }),
};

describe('stackTopology', () => {
  it('runs one broker combined with the controller, behind its client proxy only', () => {
    const t = stackTopology({ brokers: 1, toxiproxy: true });
    expect(t).toMatchObject({
      brokerIds: [1],
      combined: true,
      controllerId: 1,
      clientProxies: true,
      replicationProxies: false,
    });
    expect(controllerNode(t, plan, '/d')).toBeUndefined();
    const node = brokerNode(t, plan, 1, '/d');
    expect(node.roles).toEqual(['broker', 'controller']);
    expect(node.voters).toEqual(['1@own-1-CONTROLLER']);
    expect(node.listeners).toEqual({
      CLIENT: 'bind-1-CLIENT',
      INTERNAL: 'bind-1-INTERNAL',
      DIRECT: 'bind-1-DIRECT',
      CONTROLLER: 'bind-1-CONTROLLER',
    });
    expect(node.advertised).toEqual({ CLIENT: 'adv-client-1', INTERNAL: 'own-1-INTERNAL', DIRECT: 'own-1-DIRECT' });
    expect(brokerProxies(t, plan, 1)).toEqual([
      { kind: 'client', brokerId: 1, listen: 'listen-client-1', upstream: 'up-1-CLIENT' },
    ]);
  });

  it('gives several brokers a dedicated controller (node 100) and a replication proxy each', () => {
    const t = stackTopology({ brokers: 3, toxiproxy: true });
    expect(t).toMatchObject({ brokerIds: [1, 2, 3], combined: false, controllerId: 100, replicationProxies: true });
    expect(controllerNode(t, plan, '/c')).toEqual({
      nodeId: 100,
      roles: ['controller'],
      voters: ['100@own-100-CONTROLLER'],
      listeners: { CONTROLLER: 'bind-100-CONTROLLER' },
      advertised: {},
      logDir: '/c',
      clusterBrokers: 3,
    });
    const node = brokerNode(t, plan, 2, '/d');
    expect(node.roles).toEqual(['broker']);
    expect(node.listeners).not.toHaveProperty('CONTROLLER');
    expect(node.advertised.INTERNAL).toBe('adv-replication-2');
    expect(brokerProxies(t, plan, 2).map((p) => [p.kind, p.upstream])).toEqual([
      ['client', 'up-2-CLIENT'],
      ['replication', 'up-2-INTERNAL'],
    ]);
  });

  it('without Toxiproxy, clients reach each broker itself and no proxy exists', () => {
    const t = stackTopology({ brokers: 3, toxiproxy: false });
    expect(brokerEndpoint(t, plan, 3)).toEqual({ id: 3, proxied: 'own-3-CLIENT', direct: 'own-3-DIRECT' });
    expect(brokerNode(t, plan, 3, '/d').advertised.INTERNAL).toBe('own-3-INTERNAL');
    expect(brokerProxies(t, plan, 3)).toEqual([]);
  });
});
