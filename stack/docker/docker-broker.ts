import type { StartedTestContainer } from 'testcontainers';
import { demuxDockerLog } from '../broker-log.js';
import { DownBrokerProxies } from '../services/proxy/down-broker-proxies.js';
import type { BrokerControl } from '../started-stack.js';
import { WiredBroker, type BrokerWiring } from '../services/broker/broker-wiring.js';
import type { Dockerode } from './kgrade-container.js';

/**
 * A broker in a container. stop/kill/start act on the same container, so a restarted broker keeps its log
 * directory (the container's own layer) and its fixed host ports, hence its advertised addresses.
 */
export class DockerBroker extends WiredBroker implements BrokerControl {
  private up = true;
  private frozen = false;
  /** Closed while the container is down (see DownBrokerProxies). */
  private readonly downProxies: DownBrokerProxies;

  constructor(
    wiring: BrokerWiring,
    private readonly container: StartedTestContainer,
    private readonly docker: Dockerode,
  ) {
    super(wiring);
    this.downProxies = new DownBrokerProxies([wiring.proxy, wiring.replicationProxy]);
  }

  get running(): boolean {
    return this.up;
  }
  get paused(): boolean {
    return this.frozen;
  }
  get containerId(): string {
    return this.container.getId();
  }
  private get handle() {
    return this.docker.getContainer(this.container.getId());
  }

  /** `docker stop`: SIGTERM, so Kafka's controlled shutdown hands leadership over first. */
  async stop(): Promise<void> {
    if (!this.up) return;
    await this.resume();
    this.up = false;
    await this.handle.stop({ t: 30 }).catch(ignoreNotRunning);
    await this.downProxies.close(); // the broker closed its connections itself: closing the links is quick
  }

  /** SIGKILL: a crash. */
  async kill(): Promise<void> {
    if (!this.up) return;
    await this.resume();
    this.up = false;
    // Closed first: Toxiproxy tears down its links on close, and a link whose upstream vanished without a word
    // (a killed container) held that call past Toxiproxy's 25 s API limit (it answered 503).
    await this.downProxies.close();
    await this.handle.kill({ signal: 'SIGKILL' }).catch(ignoreNotRunning);
    await this.handle.wait({ condition: 'not-running' }).catch(() => undefined);
  }

  /** `docker pause` (cgroup freezer): the broker hangs with its connections open. */
  async pause(): Promise<void> {
    const s = await this.handle.inspect();
    if (s.State.Running && !s.State.Paused) await this.handle.pause();
    this.frozen = true;
  }

  async resume(): Promise<void> {
    const s = await this.handle.inspect();
    if (s.State.Paused) await this.handle.unpause();
    this.frozen = false;
  }

  async start(): Promise<void> {
    const s = await this.handle.inspect();
    if (s.State.Paused) await this.handle.unpause();
    else if (!s.State.Running) await this.handle.start();
    await this.downProxies.reopen();
    this.up = true;
    this.frozen = false;
    await this.waitRegistered();
  }

  /** The container's output since it was created (stop and start keep it). */
  async log(): Promise<string> {
    const out = (await this.handle.logs({ stdout: true, stderr: true, follow: false })) as unknown as Buffer;
    return demuxDockerLog(Buffer.isBuffer(out) ? out : Buffer.from(String(out)));
  }
}

function ignoreNotRunning(e: unknown): void {
  const status = (e as { statusCode?: number }).statusCode;
  if (status === 304 || status === 409) return; // already stopped / not running
  throw e;
}
