import type { GraderError } from '../../core/errors.js';
import { waitFor } from '../../core/wait-for.js';
import { undecodableBatchIn } from '../../stack/kafkajs-codecs.js';
import type { StartedKafkaStack } from '../../stack/started-stack.js';
import type { Consumer } from 'kafkajs';
import { locatedUndecodableBatchError, undecodableBatchError } from './undecodable.js';

export interface WatchedRecord {
  partition: number;
  offset: number;
  key: string | null;
  /** The value decoded as UTF-8 text (bytes that are not UTF-8 are lost here: see `valueBytes`). */
  value: string | null;
  /** The value's bytes as written, for a watcher started with `keepBytes` (a judge decoding binary values). */
  valueBytes?: Buffer | null;
  /** The record's timestamp (CreateTime: when its producer sent it), epoch ms. */
  timestampMs: number;
  /** When the grader's watcher received it, epoch ms. */
  seenAtMs: number;
  /** Parsed JSON value, when it is JSON. */
  json?: Record<string, unknown>;
}

/**
 * Reads a topic from the beginning on the direct listener for the whole run: the brokers' evidence. Every codec
 * a client may write is read from the first fetch (the stack registers them for every kafkajs client). A batch
 * the watcher cannot decode stops it; from then on every read of its records throws a GraderError naming the
 * codec, the topic and the partitions: records missing from the evidence would be charged to the solution.
 */
export class TopicWatcher {
  private readonly seen: WatchedRecord[] = [];
  /** partition:offset already recorded: a rebalance may replay what was read. */
  private readonly offsets = new Set<string>();
  private consumer?: Consumer;
  private stopped = false;
  private failure?: GraderError;

  constructor(
    private readonly stack: StartedKafkaStack,
    readonly topic: string,
    /** Keep each value's bytes too (`valueBytes`): for values that are not text, such as Serdes.Long's 8 bytes. */
    private readonly opts: { keepBytes?: boolean } = {},
  ) {}

  async start(): Promise<void> {
    // Restarted after a crash (faults must not blind it), never after stop().
    const consumer = this.stack.observerConsumer(
      'kgrade-watcher',
      {
        groupId: `kgrade-watch-${this.topic}-${Date.now()}`,
        maxWaitTimeInMs: 100,
        sessionTimeout: 10_000,
        heartbeatInterval: 1000,
      },
      () => !this.stopped,
    );
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topic: this.topic, fromBeginning: true });
    let joined = false;
    consumer.on(consumer.events.GROUP_JOIN, () => (joined = true));
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      const undecodable = undecodableBatchIn(payload.error);
      if (!undecodable || this.stopped || this.failure) return;
      // Failed at once; the partitions holding the codec are named once the batch headers are read.
      this.failure = undecodableBatchError(this.topic, undecodable, 'watcher');
      void locatedUndecodableBatchError(this.stack, this.topic, undecodable, 'watcher').then((e) => (this.failure = e));
    });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        const at = `${partition}:${message.offset}`;
        if (this.offsets.has(at)) return;
        this.offsets.add(at);
        const value = message.value?.toString() ?? null;
        let json: Record<string, unknown> | undefined;
        try {
          const parsed: unknown = value ? JSON.parse(value) : undefined;
          if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) json = parsed as Record<string, unknown>;
        } catch {
          /* not JSON: the judge says so */
        }
        // A copy: the message's buffer may be a slice of the whole fetch response, which it would keep alive.
        const bytes = this.opts.keepBytes ? { valueBytes: message.value ? Buffer.from(message.value) : null } : {};
        this.seen.push({
          partition,
          offset: Number(message.offset),
          key: message.key?.toString() ?? null,
          value,
          ...bytes,
          timestampMs: Number(message.timestamp),
          seenAtMs: Date.now(),
          json,
        });
      },
    });
    await waitFor(() => joined, { timeoutMs: 30_000, what: `the grader's watcher to join its group on ${this.topic}` });
  }

  /** Throws the GraderError of a batch the watcher could not decode (see the class comment). */
  private readable(): void {
    if (this.failure) throw this.failure;
  }

  records(): WatchedRecord[] {
    this.readable();
    return [...this.seen];
  }

  /** Records whose JSON value has `content` equal to one of `contents` (the grader's markers). */
  withContent(contents: Iterable<string>): WatchedRecord[] {
    this.readable();
    const set = new Set(contents);
    return this.seen.filter((r) => typeof r.json?.content === 'string' && set.has(r.json.content));
  }

  /** Waits until `count` records carry the markers (or the timeout), then a grace period to catch duplicates. */
  async waitForContents(contents: string[], timeoutMs: number, graceMs = 500): Promise<WatchedRecord[]> {
    await waitFor(
      () => this.failure ?? new Set(this.withContent(contents).map((r) => r.json!.content)).size >= contents.length,
      { timeoutMs, intervalMs: 100 },
    ).catch(() => undefined);
    if (!this.failure) await new Promise((r) => setTimeout(r, graceMs));
    return this.withContent(contents);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.consumer?.disconnect().catch(() => undefined);
  }
}
