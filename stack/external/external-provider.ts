import fs from 'node:fs';
import path from 'node:path';
import { errorMessage, GraderError } from '../../core/errors.js';
import { cachePaths } from '../cache-paths.js';
import { clusterMetadata, clusterMetadataFromAny } from '../wire/metadata.js';
import { waitFor } from '../../core/wait-for.js';
import { StartedKafkaStack, type BrokerControl, type StackServices } from '../started-stack.js';
import { ProxyHandle, toxiproxyApi } from '../toxiproxy-control.js';
import type { StackSpec } from '../stack-types.js';

/** Where an already running stack is: flags/env, or what `kgrade stack up` left in the cache. */
export interface ExternalTarget {
  /** What solutions use (through proxies when there are some). */
  bootstrapServers: string;
  /** What the grader observes on (defaults to bootstrapServers). */
  directBootstrapServers?: string;
  toxiproxyUrl?: string;
  services: StackServices;
}

export function stackUpStateFile(): string {
  return path.join(cachePaths.root(), 'stack-up.json');
}

/** The target of `--stack external`: KGRADE_BOOTSTRAP_SERVERS (and friends), else a running `kgrade stack up`. */
export function externalTargetFromEnv(env = process.env): ExternalTarget {
  if (env.KGRADE_BOOTSTRAP_SERVERS) {
    return {
      bootstrapServers: env.KGRADE_BOOTSTRAP_SERVERS,
      toxiproxyUrl: env.KGRADE_TOXIPROXY_URL,
      services: { registryUrl: env.KGRADE_SCHEMA_REGISTRY_URL, connectUrl: env.KGRADE_CONNECT_URL, ksqldbUrl: env.KGRADE_KSQLDB_URL },
    };
  }
  const file = stackUpStateFile();
  if (fs.existsSync(file)) {
    const s = JSON.parse(fs.readFileSync(file, 'utf8')) as { pid: number; bootstrapServers: string; directBootstrapServers: string; toxiproxyUrl?: string } & StackServices;
    try {
      process.kill(s.pid, 0);
      return { bootstrapServers: s.bootstrapServers, directBootstrapServers: s.directBootstrapServers, toxiproxyUrl: s.toxiproxyUrl, services: { registryUrl: s.registryUrl, connectUrl: s.connectUrl, postgres: s.postgres } };
    } catch {
      /* that stack is gone */
    }
  }
  throw new GraderError('BAD_USAGE', '--stack external needs a running cluster', {
    hint: 'start one with `kgrade stack up` (in another terminal) or `docker compose up -d`, and for the latter set KGRADE_BOOTSTRAP_SERVERS=localhost:9092 (optionally KGRADE_TOXIPROXY_URL, KGRADE_SCHEMA_REGISTRY_URL, KGRADE_CONNECT_URL)',
  });
}

/** How long a cluster that answers may take to finish forming (a classroom stack just brought up). */
const READY_TIMEOUT_MS = 90_000;

/**
 * Waits until every address given answers and each lists at least as many brokers as addresses were given, the
 * same ones: right after `docker compose up`, one broker answers while the others still register, and a topic a
 * solution creates is then unknown to a broker for a moment (its client fails: not the solution's fault).
 */
async function waitUntilFormed(addresses: string[], timeoutMs: number): Promise<{ nodeId: number; host: string; port: number }[]> {
  return waitFor(
    async () => {
      const views = await Promise.all(addresses.map((a) => clusterMetadata(a)));
      const ids = views.map((v) => v.brokers.map((b) => b.nodeId).sort((x, y) => x - y).join(','));
      const formed = views.every((v) => v.brokers.length >= addresses.length && v.controllerId >= 0) && new Set(ids).size === 1;
      return formed ? views[0]!.brokers.sort((a, b) => a.nodeId - b.nodeId) : undefined;
    },
    { timeoutMs, intervalMs: 500, what: `every broker of ${addresses.join(',')} to answer and list the same ${addresses.length} broker(s) or more` },
  );
}

const noControl = (what: string) =>
  new GraderError('STACK_CONTROL_UNAVAILABLE', `cannot ${what} on an external stack`, { hint: 'checks that need broker control are skipped on --stack external; grade with --stack native for them' });

/** Connects to a running cluster; faults only where its Toxiproxy proxies (kafka-<id>) are known. */
export async function connectExternalStack(spec: StackSpec, target: ExternalTarget): Promise<StartedKafkaStack> {
  const t0 = Date.now();
  const direct = target.directBootstrapServers ?? target.bootstrapServers;
  const addresses = direct.split(',').map((a) => a.trim()).filter(Boolean);
  let brokers: { nodeId: number; host: string; port: number }[];
  try {
    brokers = (await clusterMetadataFromAny(addresses)).brokers.sort((a, b) => a.nodeId - b.nodeId);
    if (!brokers.length) throw new Error('the cluster lists no broker yet');
  } catch (e) {
    throw new GraderError('STACK_NOT_READY', `no Kafka cluster answers at ${direct}`, { hint: 'check the address, or start the classroom stack (`kgrade stack up` / `docker compose up -d`)', retriable: true, cause: e });
  }
  const notReady = (e: unknown) =>
    new GraderError('STACK_NOT_READY', `the cluster at ${direct} is not usable yet: ${errorMessage(e)}`, {
      hint: 'wait until every broker has started (a stack just brought up needs some seconds), then grade again',
      retriable: true,
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
      proxy: api ? new ProxyHandle(api, `kafka-${b.nodeId}`, proxiedAddr, directAddr) : undefined,
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
  await waitUntilUsable(stack, addresses).catch((e: unknown) => {
    throw notReady(e);
  });
  return stack;
}

/**
 * As the other providers do after starting: kgrade's probe topic, replicated on every broker, known to every
 * address given. A topic a solution creates on a cluster still forming was unknown to one broker for a moment,
 * and kafkajs then failed the solution's topic creation (UNKNOWN_TOPIC_OR_PARTITION): not the solution's fault.
 */
async function waitUntilUsable(stack: StartedKafkaStack, addresses: string[]): Promise<void> {
  const probe = '__kgrade_probe';
  const n = stack.brokers.length;
  await stack.createTopics([{ topic: probe, numPartitions: 1, replicationFactor: n }], READY_TIMEOUT_MS);
  await stack.waitForIsr(probe, 0, n, READY_TIMEOUT_MS);
  await waitFor(async () => (await Promise.all(addresses.map((a) => clusterMetadata(a, [probe])))).every((md) => md.topics.some((t) => t.name === probe && t.errorCode === 0)), {
    timeoutMs: READY_TIMEOUT_MS,
    intervalMs: 250,
    what: `every broker to know ${probe}`,
  });
}
