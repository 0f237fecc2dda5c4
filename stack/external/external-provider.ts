import { errorMessage, GraderError } from '../../core/errors.js';
import { waitFor } from '../../core/wait-for.js';
import type { ExternalTarget } from '../external-target.js';
import { waitUntilUsable } from '../readiness.js';
import { proxyName } from '../services/proxy/toxiproxy.js';
import { ProxyHandle, toxiproxyApi } from '../services/proxy/toxiproxy-control.js';
import { StartedKafkaStack, type BrokerControl } from '../started-stack.js';
import type { StackSpec } from '../stack-types.js';
import { clusterMetadata, clusterMetadataFromAny } from '../wire/metadata.js';

/** How long a cluster that answers may take to finish forming (a classroom stack just brought up). */
const READY_TIMEOUT_MS = 90_000;

/**
 * Waits until every address given answers and each lists at least as many brokers as addresses were given, the
 * same ones: right after `docker compose up`, one broker answers while the others still register, and a topic a
 * solution creates is then unknown to a broker for a moment (its client fails: not the solution's fault).
 */
async function waitUntilFormed(
  addresses: string[],
  timeoutMs: number,
): Promise<{ nodeId: number; host: string; port: number }[]> {
  return waitFor(
    async () => {
      const views = await Promise.all(addresses.map((a) => clusterMetadata(a)));
      const ids = views.map((v) =>
        v.brokers
          .map((b) => b.nodeId)
          .sort((x, y) => x - y)
          .join(','),
      );
      const formed =
        views.every((v) => v.brokers.length >= addresses.length && v.controllerId >= 0) && new Set(ids).size === 1;
      return formed ? views[0]!.brokers.sort((a, b) => a.nodeId - b.nodeId) : undefined;
    },
    {
      timeoutMs,
      intervalMs: 500,
      what: `every broker of ${addresses.join(',')} to answer and list the same ${addresses.length} broker(s) or more`,
    },
  );
}

const noControl = (what: string) =>
  new GraderError('STACK_CONTROL_UNAVAILABLE', `cannot ${what} on an external stack`, {
    hint: 'checks that need broker control are skipped on --stack external; grade with --stack native for them',
  });

/** Connects to a running cluster; faults only where its Toxiproxy proxies (kafka-<id>) are known. */
export async function connectExternalStack(spec: StackSpec, target: ExternalTarget): Promise<StartedKafkaStack> {
  const t0 = Date.now();
  const direct = target.directBootstrapServers ?? target.bootstrapServers;
  const addresses = direct
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  let brokers: { nodeId: number; host: string; port: number }[];
  try {
    brokers = (await clusterMetadataFromAny(addresses)).brokers.sort((a, b) => a.nodeId - b.nodeId);
    if (!brokers.length) throw new Error('the cluster lists no broker yet');
  } catch (e) {
    throw new GraderError('STACK_NOT_READY', `no Kafka cluster answers at ${direct}`, {
      hint: 'check the address, or start the classroom stack (`kgrade stack up` / `docker compose up -d`)',
      cause: e,
    });
  }
  const notReady = (e: unknown) =>
    new GraderError('STACK_NOT_READY', `the cluster at ${direct} is not usable yet: ${errorMessage(e)}`, {
      hint: 'wait until every broker has started (a stack just brought up needs some seconds), then grade again',
      cause: e,
    });
  brokers = await waitUntilFormed(addresses, READY_TIMEOUT_MS).catch((e: unknown) => {
    throw notReady(e);
  });
  const api = target.toxiproxyUrl ? toxiproxyApi(target.toxiproxyUrl) : undefined;
  const proxied = target.bootstrapServers.split(',');
  const controls: BrokerControl[] = brokers.map((b, i) => {
    const directAddr = `${b.host}:${b.port}`;
    const proxiedAddr = proxied[i] ?? directAddr;
    return {
      id: b.nodeId,
      endpoint: { id: b.nodeId, proxied: proxiedAddr, direct: directAddr },
      proxy: api ? new ProxyHandle(api, proxyName('client', b.nodeId), proxiedAddr, directAddr) : undefined,
      running: true,
      stop: async () => Promise.reject(noControl('stop a broker')),
      kill: async () => Promise.reject(noControl('kill a broker')),
      pause: async () => Promise.reject(noControl('pause a broker')),
      resume: async () => undefined,
      start: async () => undefined,
    };
  });
  const stack = new StartedKafkaStack({
    provider: 'external',
    spec: { ...spec, brokers: controls.length, toxiproxy: !!api },
    brokers: controls,
    services: target.services,
    toxiproxyUrl: target.toxiproxyUrl,
    control: { faults: !!api, brokers: false },
    startMs: Date.now() - t0,
    stop: async () => undefined,
  });
  await waitUntilUsable(stack, {
    createTimeoutMs: READY_TIMEOUT_MS,
    isrTimeoutMs: READY_TIMEOUT_MS,
    everyAddressKnows: addresses,
  }).catch((e: unknown) => {
    throw notReady(e);
  });
  return stack;
}
