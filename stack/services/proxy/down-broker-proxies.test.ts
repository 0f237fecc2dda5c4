import { describe, expect, it } from 'vitest';
import { DownBrokerProxies } from './down-broker-proxies.js';
import type { ProxyHandle } from './toxiproxy-control.js';

/** A stand-in for a Toxiproxy proxy: only its enabled flag matters here. */
function proxy(enabled = true) {
  const p = {
    enabled,
    isEnabled: async () => p.enabled,
    down: async () => void (p.enabled = false),
    up: async () => void (p.enabled = true),
  };
  return p;
}

describe('proxies of a broker that is down', () => {
  it('closes the open ones and reopens exactly those', async () => {
    const client = proxy();
    const replication = proxy(false); // cut by a fault before the broker went down
    const gate = new DownBrokerProxies([
      client as unknown as ProxyHandle,
      replication as unknown as ProxyHandle,
      undefined,
    ]);
    await gate.close();
    expect([client.enabled, replication.enabled]).toEqual([false, false]);
    await gate.reopen();
    expect([client.enabled, replication.enabled]).toEqual([true, false]);
  });
  it('reopens nothing twice', async () => {
    const client = proxy();
    const gate = new DownBrokerProxies([client as unknown as ProxyHandle]);
    await gate.close();
    await gate.reopen();
    client.enabled = false; // cut by a fault after the restart
    await gate.reopen();
    expect(client.enabled).toBe(false);
  });
});
