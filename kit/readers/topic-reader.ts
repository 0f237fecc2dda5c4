import { GraderError } from '../../core/errors.js';
import { undecodableBatchIn } from '../../stack/kafkajs-codecs.js';
import type { StartedKafkaStack } from '../../stack/started-stack.js';
import { locatedUndecodableBatchError } from './undecodable.js';

/** One record as the brokers hold it. */
export interface HeldRecord {
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  /** The record's timestamp, epoch ms (CreateTime, or the broker's append time on a LogAppendTime topic). */
  timestampMs: number;
}

export interface ReadOptions {
  /** Client id on the brokers' side (their logs name the reader). */
  clientId?: string;
  /** Default 30 s: a longer read means an overloaded machine, not a solution's fault. */
  timeoutMs?: number;
  maxBytes?: number;
  /** readAll: keep each value's bytes too (`valueBytes`), for values that are not text. */
  keepBytes?: boolean;
}

/** A message as kafkajs hands it to the reader (key and value as bytes). */
export interface ReadMessage {
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  timestamp: string;
}

/**
 * Reads a topic on the direct listener from the earliest offset up to the end offsets seen when the read starts,
 * handing each message over once per partition:offset (a rebalance makes an uncommitted reader start over).
 * A partition counts as read when a batch's last offset reaches its end: a transaction's commit marker (a control
 * record, never handed out as a message) can hold a partition's last offset.
 * A batch it cannot decode (see stack/kafkajs-codecs.ts) stops the read at once with a GraderError naming the
 * codec, the topic and the partitions holding it.
 */
export async function readToEnd(
  stack: StartedKafkaStack,
  topic: string,
  opts: ReadOptions,
  onMessage: (partition: number, message: ReadMessage) => void,
): Promise<void> {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const offsets = await stack.topicOffsets(topic);
  const want = new Map(offsets.filter((o) => o.high !== o.low).map((o) => [o.partition, BigInt(o.high)]));
  if (want.size === 0) return;
  const seen = new Set<string>();
  const consumer = stack.observerConsumer(opts.clientId ?? 'kgrade-reader', {
    maxWaitTimeInMs: 200,
    ...(opts.maxBytes ? { maxBytes: opts.maxBytes } : {}),
    groupId: `kgrade-reader-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`,
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new GraderError('INTERNAL', `reading ${topic} took more than ${timeoutMs / 1000} s`, {
              hint: 'the machine is overloaded; retry',
            }),
          ),
        timeoutMs,
      );
      const done = (partition: number, lastOffset: string) => {
        if (BigInt(lastOffset) + 1n >= (want.get(partition) ?? 0n)) want.delete(partition);
        if (want.size === 0) {
          clearTimeout(timer);
          resolve();
        }
      };
      consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => done(payload.partition, payload.lastOffset));
      // This reader is never restarted after a crash (observerConsumer): say why at once instead of timing out.
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        clearTimeout(timer);
        const undecodable = undecodableBatchIn(payload.error);
        if (undecodable) void locatedUndecodableBatchError(stack, topic, undecodable, 'reader').then(reject);
        else
          reject(
            new GraderError('INTERNAL', `reading ${topic}: the grader's reader stopped (${payload.error.message})`, {
              hint: 'the brokers may be overloaded; retry',
              cause: payload.error,
            }),
          );
      });
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            const id = `${partition}:${message.offset}`;
            if (seen.has(id)) return;
            seen.add(id);
            onMessage(partition, message);
            done(partition, message.offset);
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
}

/** Every record of a topic up to its end offsets when the read starts (see readToEnd), as text (and bytes with `keepBytes`). */
export async function readAll(stack: StartedKafkaStack, topic: string, opts: ReadOptions = {}): Promise<HeldRecord[]> {
  const out: HeldRecord[] = [];
  await readToEnd(stack, topic, opts, (partition, message) => {
    const bytes = opts.keepBytes ? { valueBytes: message.value ? Buffer.from(message.value) : null } : {};
    out.push({
      partition,
      offset: message.offset,
      key: message.key?.toString() ?? null,
      value: message.value?.toString() ?? null,
      ...bytes,
      timestampMs: Number(message.timestamp),
    });
  });
  return out;
}
