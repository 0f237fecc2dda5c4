import type { ProxyHandle } from './toxiproxy-control.js';

/**
 * The proxies in front of one docker broker, closed while its container is down so that clients are refused at
 * once, as by a host whose broker process is gone (and as on the native provider, where a proxy's upstream is a
 * closed local port). Left open, a docker proxy holds the connection: the container's name no longer resolves
 * and Docker's DNS forwards the lookup outside, where nothing answers, so clients hung until their own timeout
 * (a Metadata request timing out after 8 s was once read as a refusal by acks=all). A proxy a fault had already
 * cut stays as the fault left it.
 */
export class DownBrokerProxies {
  private closed: ProxyHandle[] = [];

  constructor(private readonly proxies: (ProxyHandle | undefined)[]) {}

  async close(): Promise<void> {
    for (const p of this.proxies) {
      if (p && (await p.isEnabled())) {
        await p.down();
        this.closed.push(p);
      }
    }
  }

  async reopen(): Promise<void> {
    for (const p of this.closed.splice(0)) await p.up();
  }
}
