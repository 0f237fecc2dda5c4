import toxiproxyClient from 'toxiproxy-node-client';
import type { ToxicSpec } from '../../stack-types.js';

const { Toxiproxy } = toxiproxyClient;
type ToxiproxyApi = InstanceType<typeof Toxiproxy>;
type ProxyApi = Awaited<ReturnType<ToxiproxyApi['get']>>;

let toxicCounter = 0;

/** Faults on one broker's proxy. Every toxic added is removable; `clear()` restores a clean link. */
export class ProxyHandle {
  constructor(
    private readonly api: ToxiproxyApi,
    readonly name: string,
    /** Where clients connect (host:port as the broker advertises it). */
    readonly listen: string,
    readonly upstream: string,
  ) {}

  private proxy(): Promise<ProxyApi> {
    return this.api.get(this.name);
  }

  /** Adds a toxic and returns a function that removes it. */
  async addToxic(spec: ToxicSpec): Promise<() => Promise<void>> {
    const proxy = await this.proxy();
    const name = spec.name ?? `${spec.type}-${++toxicCounter}`;
    const toxic = await proxy.addToxic({
      name,
      type: spec.type,
      stream: spec.stream ?? 'downstream',
      toxicity: spec.toxicity ?? 1,
      attributes: spec.attributes as never,
    });
    return async () => {
      try {
        await toxic.remove();
      } catch {
        /* already removed by clear() */
      }
    };
  }

  latency(latencyMs: number, jitterMs = 0, stream: 'upstream' | 'downstream' = 'downstream') {
    return this.addToxic({ type: 'latency', stream, attributes: { latency: latencyMs, jitter: jitterMs } });
  }

  /** Cuts the link: open connections are closed, new ones refused. */
  async down(): Promise<void> {
    await this.setEnabled(false);
  }

  async up(): Promise<void> {
    await this.setEnabled(true);
  }

  async isEnabled(): Promise<boolean> {
    return (await this.proxy()).enabled;
  }

  private async setEnabled(enabled: boolean): Promise<void> {
    const proxy = await this.proxy();
    await proxy.update({ enabled, listen: proxy.listen, upstream: proxy.upstream });
  }

  /** Names of the toxics on this proxy now (the client library's proxy objects do not carry them). */
  async toxics(): Promise<string[]> {
    const r = await fetch(`${this.api.host}/proxies/${this.name}/toxics`);
    return ((await r.json()) as { name: string }[]).map((t) => t.name);
  }

  /** Removes every toxic and brings the link up. */
  async clear(): Promise<void> {
    const proxy = await this.proxy();
    for (const name of await this.toxics()) {
      try {
        await (await proxy.getToxic(name)).remove();
      } catch {
        /* raced with another removal */
      }
    }
    if (!proxy.enabled) await this.up();
  }
}

export function toxiproxyApi(url: string): ToxiproxyApi {
  return new Toxiproxy(url);
}

/** A proxy named `name`, or `kafka-<id>` when given a broker id. */
export async function createBrokerProxy(
  api: ToxiproxyApi,
  nameOrBrokerId: string | number,
  listen: string,
  upstream: string,
): Promise<ProxyHandle> {
  const name = typeof nameOrBrokerId === 'number' ? `kafka-${nameOrBrokerId}` : nameOrBrokerId;
  await api.createProxy({ name, listen, upstream, enabled: true });
  return new ProxyHandle(api, name, listen, upstream);
}
