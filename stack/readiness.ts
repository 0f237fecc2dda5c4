import { GraderError } from '../core/errors.js';
import { waitFor } from '../core/wait-for.js';
import type { StartedKafkaStack } from './started-stack.js';
import { clusterMetadata } from './wire/metadata.js';

/** kgrade's own topic, replicated on every broker: its ISR full means the cluster formed. */
export const PROBE_TOPIC = '__kgrade_probe';

export interface ReadinessOptions {
  /** Wait for every broker to register first (a stack just started); omitted when the caller already saw them. */
  registerTimeoutMs?: number;
  /** For the probe topic's creation (the stack's default when omitted) and its ISR. */
  createTimeoutMs?: number;
  isrTimeoutMs: number;
  /** Addresses that must each know the probe topic (one broker may learn of a topic later than another). */
  everyAddressKnows?: string[];
  /** A stack service that died meanwhile: fails the wait at once. */
  failure?: () => GraderError | undefined;
}

/**
 * Usable = every broker registered and a probe topic with RF=N fully in sync: the same on every provider.
 * A topic a solution creates on a cluster still forming was unknown to one broker for a moment, and its client
 * then failed (UNKNOWN_TOPIC_OR_PARTITION): not the solution's fault. Throws what failed, as is.
 */
export async function waitUntilUsable(stack: StartedKafkaStack, opts: ReadinessOptions): Promise<void> {
  const n = stack.brokers.length;
  const failure = opts.failure;
  const check = failure
    ? () => {
        const f = failure();
        if (f) throw f;
      }
    : undefined;
  if (opts.registerTimeoutMs !== undefined) await raceFailure(stack.waitForBrokers(opts.registerTimeoutMs), check);
  await raceFailure(
    stack.createTopics([{ topic: PROBE_TOPIC, numPartitions: 1, replicationFactor: n }], opts.createTimeoutMs),
    check,
  );
  await raceFailure(stack.waitForIsr(PROBE_TOPIC, 0, n, opts.isrTimeoutMs), check);
  const addresses = opts.everyAddressKnows;
  if (addresses) {
    await waitFor(
      async () =>
        (await Promise.all(addresses.map((a) => clusterMetadata(a, [PROBE_TOPIC])))).every((md) =>
          md.topics.some((t) => t.name === PROBE_TOPIC && t.errorCode === 0),
        ),
      {
        timeoutMs: opts.isrTimeoutMs,
        intervalMs: 250,
        what: `every broker to know ${PROBE_TOPIC}`,
      },
    );
  }
}

/** The error of a started cluster that did not become usable, with its nodes' log tails. */
export function clusterNotUsable(e: unknown, hint: string, logTails: string[]): GraderError {
  if (e instanceof GraderError) return e;
  return new GraderError('STACK_NOT_READY', `the Kafka cluster did not become usable: ${(e as Error).message}`, {
    hint,
    logTail: logTails.join('\n'),
    cause: e,
  });
}

async function raceFailure<T>(p: Promise<T>, check?: () => void): Promise<T> {
  if (!check) return p;
  let poll: NodeJS.Timeout | undefined;
  const died = new Promise<never>((_, reject) => {
    poll = setInterval(() => {
      try {
        check();
      } catch (e) {
        reject(e);
      }
    }, 200);
  });
  try {
    return await Promise.race([p, died]);
  } finally {
    clearInterval(poll);
  }
}
