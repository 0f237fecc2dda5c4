import {
  GenericContainer,
  type ContainerRuntimeClient,
  type StartedNetwork,
  type StartedTestContainer,
  type WaitStrategy,
} from 'testcontainers';
import { GraderError } from '../../core/errors.js';
import { tail } from '../../core/exec.js';

export type Dockerode = ContainerRuntimeClient['container']['dockerode'];

/** Readiness is checked by the provider itself (HTTP, admin client), with the container's log on failure. */
class StartedOnly implements WaitStrategy {
  private timeoutMs = 60_000;
  async waitUntilReady(): Promise<void> {}
  withStartupTimeout(ms: number): WaitStrategy {
    this.timeoutMs = ms;
    return this;
  }
  isStartupTimeoutSet(): boolean {
    return true;
  }
  getStartupTimeout(): number {
    return this.timeoutMs;
  }
}

/**
 * A container whose published ports bind 127.0.0.1 only (testcontainers binds every interface): a grading
 * stack is nobody else's business. Host ports are fixed by the caller, so advertised addresses are known
 * before the container starts, and they survive a stop/start.
 */
export class KgradeContainer extends GenericContainer {
  private privateNetwork?: { name: string; alias: string };

  constructor(image: string) {
    super(image);
    this.withWaitStrategy(new StartedOnly());
  }

  /** Publishes `container` port on 127.0.0.1:`host`. */
  publish(container: number, host: number): this {
    return this.withExposedPorts({ container, host });
  }

  /**
   * Attaches the container to `network` only, reachable there as `alias`. (testcontainers' withNetworkAliases
   * leaves the container on Docker's default bridge as well: not private.)
   */
  onNetwork(network: StartedNetwork, alias: string): this {
    this.privateNetwork = { name: network.getName(), alias };
    return this.withNetwork(network);
  }

  protected override async beforeContainerCreated(): Promise<void> {
    if (this.privateNetwork) {
      const { name, alias } = this.privateNetwork;
      this.createOpts.NetworkingConfig = { EndpointsConfig: { [name]: { Aliases: [alias] } } };
    }
    const bindings = this.hostConfig.PortBindings as
      | Record<string, { HostIp?: string; HostPort: string }[]>
      | undefined;
    for (const list of Object.values(bindings ?? {})) for (const b of list) b.HostIp = '127.0.0.1';
  }
}

/** Last lines of a container's output, for error messages. */
export async function containerLogTail(c: StartedTestContainer | undefined, lines = 25): Promise<string> {
  if (!c) return '';
  try {
    const stream = await c.logs({ tail: lines });
    const chunks: string[] = [];
    await new Promise<void>((resolve) => {
      stream.on('data', (d: Buffer | string) => chunks.push(d.toString()));
      stream.on('end', () => resolve());
      stream.on('error', () => resolve());
      setTimeout(resolve, 2000);
    });
    return tail(chunks.join(''), lines);
  } catch {
    return '';
  }
}

export async function containerState(
  docker: Dockerode,
  id: string,
): Promise<{ running: boolean; paused: boolean; exitCode?: number }> {
  const info = await docker.getContainer(id).inspect();
  return {
    running: info.State.Running,
    paused: info.State.Paused,
    exitCode: info.State.Running ? undefined : info.State.ExitCode,
  };
}

/** Throws a typed error with the log tail when the container has exited on its own. */
export async function assertRunning(
  docker: Dockerode,
  c: StartedTestContainer,
  name: string,
  hint: string,
): Promise<void> {
  const s = await containerState(docker, c.getId()).catch(() => ({
    running: false,
    paused: false,
    exitCode: undefined,
  }));
  if (!s.running) {
    throw new GraderError('SERVICE_DIED', `${name} exited during start-up (exit code ${s.exitCode ?? '?'})`, {
      hint,
      logTail: await containerLogTail(c),
    });
  }
}
