import type { Admin, Kafka } from 'kafkajs';
import { delay } from '../core/wait-for.js';

/**
 * Kafka error types that mean "the cluster moved under this client" (leaders, coordinators, connections),
 * not "the request is wrong": after a broker stops, restarts or a topic is deleted, a long-lived kafkajs
 * admin keeps stale metadata (kafkajs refreshes it every 5 minutes by default) and keeps failing.
 */
const TOPOLOGY_ERRORS = new Set([
  'NOT_LEADER_FOR_PARTITION',
  'NOT_LEADER_OR_FOLLOWER',
  'LEADER_NOT_AVAILABLE',
  'NOT_COORDINATOR_FOR_GROUP',
  'NOT_COORDINATOR',
  'GROUP_COORDINATOR_NOT_AVAILABLE',
  'COORDINATOR_NOT_AVAILABLE',
  'GROUP_LOAD_IN_PROGRESS',
  'COORDINATOR_LOAD_IN_PROGRESS',
  'NOT_CONTROLLER',
  'REQUEST_TIMED_OUT',
  'NETWORK_EXCEPTION',
  'FENCED_LEADER_EPOCH',
  'UNKNOWN_LEADER_EPOCH',
]);
const TOPOLOGY_ERROR_NAMES = new Set([
  'KafkaJSConnectionError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSBrokerNotFound',
  'KafkaJSMetadataNotLoaded',
  'KafkaJSConnectionClosedError',
]);

/** Whether `e` (or what it wraps: kafkajs wraps errors it gives up on) is a topology error. Pure. */
export function isTopologyError(e: unknown): boolean {
  for (
    let x = e as { type?: string; name?: string; cause?: unknown; originalError?: unknown } | undefined, depth = 0;
    x && depth < 5;
    depth++
  ) {
    if ((x.type && TOPOLOGY_ERRORS.has(x.type)) || (x.name && TOPOLOGY_ERROR_NAMES.has(x.name))) return true;
    x = (x.cause ?? x.originalError) as typeof x;
  }
  return false;
}

/** Methods of kafkajs's Admin that are not requests (no retry, no reconnection). */
const LOCAL = new Set<PropertyKey>(['on', 'logger', 'events', 'connect', 'disconnect']);

/**
 * Methods of kafkajs's Admin that find a topic's partitions in the client's one metadata cache (they add the topic
 * to the cache's targets, then read it). Two of them side by side race: each refreshes the cache with the topics
 * targeted when it started, and a refresh answered late replaces a newer one, so the other reads a cache without
 * its topic. kafkajs then answers without that topic: `fetchOffsets` silently leaves it out (11 rounds of 20,
 * seven calls at once on 3 brokers), `fetchTopicOffsets` throws a TypeError. These go one at a time.
 */
const ONE_AT_A_TIME = new Set<PropertyKey>([
  'fetchOffsets',
  'fetchTopicOffsets',
  'fetchTopicOffsetsByTimestamp',
  'fetchTopicMetadata',
  'resetOffsets',
  'setOffsets',
  'deleteTopicRecords',
]);

/**
 * The grader's one admin client on the direct listeners, made resilient: a request that fails with a
 * topology error is tried again (up to 4 times, 0.25 to 2 s apart) on a freshly connected admin, so
 * observations after faults never read stale leaders. Other errors go to the caller at once. Requests that read
 * a topic's partitions from the client's metadata cache go one at a time (ONE_AT_A_TIME).
 */
export class ObserverAdmin {
  private current?: Promise<Admin>;
  /** The tail of the one-at-a-time requests. */
  private queue: Promise<unknown> = Promise.resolve();
  readonly admin: Admin;

  constructor(private readonly kafka: () => Kafka) {
    this.admin = new Proxy({} as Admin, {
      get: (_target, prop) => {
        if (prop === 'then') return undefined; // not a thenable: `await stack.admin()` resolves to this proxy
        if (LOCAL.has(prop)) {
          return (...args: unknown[]) =>
            this.connected().then((a) =>
              (a as unknown as Record<PropertyKey, (...x: unknown[]) => unknown>)[prop]!(...args),
            );
        }
        const send = (...args: unknown[]) =>
          this.request((a) =>
            (a as unknown as Record<PropertyKey, (...x: unknown[]) => Promise<unknown>>)[prop]!(...args),
          );
        return ONE_AT_A_TIME.has(prop) ? (...args: unknown[]) => this.oneAtATime(() => send(...args)) : send;
      },
    });
  }

  connected(): Promise<Admin> {
    if (!this.current) {
      const admin = this.kafka().admin();
      const p = admin.connect().then(() => admin);
      this.current = p;
      p.catch(() => {
        if (this.current === p) this.current = undefined;
      });
    }
    return this.current;
  }

  /** Drops the connected admin (stale metadata); the next request connects a new one. */
  reset(): Promise<void> {
    const old = this.current;
    this.current = undefined;
    return old ? old.then((a) => a.disconnect()).catch(() => undefined) : Promise.resolve();
  }

  async request<T>(fn: (a: Admin) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn(await this.connected());
      } catch (e) {
        if (attempt >= 4 || !isTopologyError(e)) throw e;
        void this.reset();
        await delay(Math.min(2000, 250 * 2 ** attempt));
      }
    }
  }

  private oneAtATime<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  close(): Promise<void> {
    return this.reset();
  }
}
