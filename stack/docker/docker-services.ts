import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { StartedNetwork, StartedTestContainer } from 'testcontainers';
import type { ServiceName } from '../stack-types.js';
import { TOXIPROXY } from '../services/proxy/toxiproxy.js';
import { awaitServiceReady, httpOk } from '../services/service-ready.js';
import type { ContainerHost } from '../services/stack-service.js';
import type { ImageSet } from './docker-images.js';
import { assertRunning, containerLogTail, KgradeContainer, type Dockerode } from './kgrade-container.js';

/** What every container of one stack shares: network, labels, name prefix. */
export interface StackContext {
  network: StartedNetwork;
  labels: Record<string, string>;
  namePrefix: string;
  docker: Dockerode;
  images: ImageSet;
  /** Containers started so far, for stop(). */
  containers: StartedTestContainer[];
  /** Host folders bind-mounted into containers, removed by stop(). */
  hostDirs?: string[];
}

/** A container on the stack's network, reachable there as `alias`. */
export function stackContainer(ctx: StackContext, image: string, alias: string): KgradeContainer {
  return new KgradeContainer(image)
    .withName(`${ctx.namePrefix}-${alias}`)
    .onNetwork(ctx.network, alias)
    .withHostname(alias)
    .withLabels(ctx.labels) as KgradeContainer;
}

export async function startTracked(ctx: StackContext, c: KgradeContainer): Promise<StartedTestContainer> {
  const started = await c.start();
  ctx.containers.push(started);
  return started;
}

/** Waits for `ready`, failing early with the container's log tail when it exits or times out. */
export async function awaitContainer(
  ctx: StackContext,
  c: StartedTestContainer,
  name: string,
  ready: () => Promise<boolean>,
  timeoutMs: number,
  hint: string,
): Promise<void> {
  const unit = {
    name,
    assertAlive: () => assertRunning(ctx.docker, c, name, hint),
    logTail: () => containerLogTail(c),
  };
  await awaitServiceReady(unit, ready, { timeoutMs, intervalMs: 250, hint });
}

export interface StartingService<T> {
  container: StartedTestContainer;
  ready: () => Promise<T>;
}

/** A started container that is ready once `url` + `readyPath` answers 2xx; `then` runs once it is. */
function httpService(
  ctx: StackContext,
  c: StartedTestContainer,
  name: string,
  url: string,
  ready: { path: string; timeoutMs: number; hint: string; then?: () => Promise<void> },
): StartingService<string> {
  return {
    container: c,
    ready: async () => {
      await awaitContainer(ctx, c, name, () => httpOk(`${url}${ready.path}`), ready.timeoutMs, ready.hint);
      await ready.then?.();
      return url;
    },
  };
}

export async function startToxiproxyContainer(
  ctx: StackContext,
  brokerId: number,
  apiPort: number,
  proxyPort: number,
): Promise<StartingService<string>> {
  const c = await startTracked(
    ctx,
    stackContainer(ctx, ctx.images.images.toxiproxy!, `toxiproxy-${brokerId}`)
      .publish(TOXIPROXY.apiPort, apiPort)
      .publish(proxyPort, proxyPort)
      .withEnvironment({ LOG_LEVEL: 'info' }),
  );
  return httpService(ctx, c, `toxiproxy-${brokerId}`, `http://127.0.0.1:${apiPort}`, {
    path: TOXIPROXY.readyPath,
    timeoutMs: TOXIPROXY.startTimeoutMs.container,
    hint: TOXIPROXY.hint.container,
  });
}

/**
 * What the docker provider offers a stack service's recipe (stack/services): containers of the service's image
 * (the role named like the service) on the stack's network, tracked for tear-down.
 */
export function containerHost(
  ctx: StackContext,
  service: ServiceName,
  opts: { kafkaInternal: string; brokers: number; services: readonly ServiceName[] },
): ContainerHost {
  return {
    images: ctx.images,
    kafkaInternal: opts.kafkaInternal,
    brokers: opts.brokers,
    has: (name) => (opts.services as readonly string[]).includes(name),
    hostDir(prefix) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
      fs.chmodSync(dir, 0o777);
      (ctx.hostDirs ??= []).push(dir);
      return dir;
    },
    async start(spec) {
      let def = stackContainer(ctx, ctx.images.images[service]!, spec.alias);
      for (const [container, host] of spec.publish) def = def.publish(container, host);
      if (spec.env) def = def.withEnvironment(spec.env);
      if (spec.entrypoint) def = def.withEntrypoint(spec.entrypoint);
      if (spec.command) def = def.withCommand(spec.command);
      if (spec.mounts) def = def.withBindMounts(spec.mounts);
      const c = await startTracked(ctx, def);
      return {
        exec: async (cmd) => ({ exitCode: (await c.exec(cmd)).exitCode }),
        awaitReady: (ready, timeoutMs, hint) => awaitContainer(ctx, c, spec.alias, ready, timeoutMs, hint),
      };
    },
  };
}
