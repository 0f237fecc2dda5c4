import { describe, expect, it } from 'vitest';
import { kraftProperties, metaProperties } from './kraft-config.js';

const parse = (text: string) =>
  Object.fromEntries(
    text
      .trim()
      .split('\n')
      .map((l) => l.split(/=(.*)/s).slice(0, 2)),
  );

describe('kraftProperties', () => {
  it('advertises the proxy on CLIENT and keeps inter-broker traffic on INTERNAL', () => {
    const p = parse(
      kraftProperties({
        nodeId: 2,
        roles: ['broker'],
        voters: ['100@127.0.0.1:9000'],
        listeners: { CLIENT: '127.0.0.1:9101', INTERNAL: '127.0.0.1:9102', DIRECT: '127.0.0.1:9103' },
        advertised: { CLIENT: '127.0.0.1:7001', INTERNAL: '127.0.0.1:9102', DIRECT: '127.0.0.1:9103' },
        logDir: '/tmp/x',
        clusterBrokers: 3,
      }),
    );
    expect(p['advertised.listeners']).toBe('CLIENT://127.0.0.1:7001,INTERNAL://127.0.0.1:9102,DIRECT://127.0.0.1:9103');
    expect(p['inter.broker.listener.name']).toBe('INTERNAL');
    expect(p['offsets.topic.replication.factor']).toBe('3');
    expect(p['min.insync.replicas']).toBeUndefined();
    expect(p['listener.security.protocol.map']).toBe(
      'CLIENT:PLAINTEXT,INTERNAL:PLAINTEXT,DIRECT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    );
  });
  it('gives a controller-only node no broker settings', () => {
    const p = parse(
      kraftProperties({
        nodeId: 100,
        roles: ['controller'],
        voters: ['100@h:1'],
        listeners: { CONTROLLER: 'h:1' },
        advertised: {},
        logDir: '/d',
        clusterBrokers: 3,
      }),
    );
    expect(p['advertised.listeners']).toBeUndefined();
    expect(p['process.roles']).toBe('controller');
  });
  it('writes a minimal meta.properties', () => {
    expect(metaProperties(1, 'abc')).toBe('version=1\nnode.id=1\ncluster.id=abc\n');
  });
});
