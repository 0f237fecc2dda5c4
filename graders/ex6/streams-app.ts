import type { Producer } from 'kafkajs';
import { delay } from '../../core/wait-for.js';
import type { RunContext } from '../../engine/exercise.js';
import { TopicWatcher, type WatchedRecord } from '../../kit/readers/topic-watcher.js';
import { LongRunningApp, readyRuleFor } from '../../kit/solution/long-running-app.js';
import type { SolutionProcess } from '../../runner/solution-process.js';
import { handOver } from '../../runner/solution.js';
import { EX6_RULES, EX6_STATE_DIR_ENV } from './contract.js';
import type { InputMessage } from './input.js';
import { committedOn, lastValues, rawValue, type Progress } from './progress.js';

/** The contract's ready line, unless kgrade.json declares its own (`"ready": {"log": "<regex>"}`). */
export const DEFAULT_READY_LINE = 'KGRADE READY';

/** The student's streams application, the topics the grader writes and reads, and its progress. */
export class StreamsApp {
  private readonly app: LongRunningApp;
  private producer?: Producer;
  private starts = 0;
  readonly counts: TopicWatcher;
  readonly joined: TopicWatcher;

  constructor(private readonly ctx: RunContext) {
    const rule = readyRuleFor(ctx.solution.manifest, DEFAULT_READY_LINE, EX6_RULES.readyTimeoutMs);
    this.app = new LongRunningApp(ctx, {
      name: { fr: "l'application Kafka Streams", en: 'the Kafka Streams application' },
      ready: rule,
      readyHint: {
        fr: `Affichez « ${rule.line} » sur la sortie standard quand l'application passe à l'état RUNNING (KafkaStreams.setStateListener), ou déclarez votre ligne dans kgrade.json : "ready": {"log": "..."}.`,
        en: `Print "${rule.line}" on stdout when the application reaches RUNNING (KafkaStreams.setStateListener), or declare your own line in kgrade.json: "ready": {"log": "..."}.`,
      },
      groups: [ctx.names.applicationIds.app!],
    });
    // Counts may be Serdes.Long's 8 bytes, which UTF-8 text loses: the judges decode the bytes.
    this.counts = new TopicWatcher(ctx.stack, this.topics.counts, { keepBytes: true });
    this.joined = new TopicWatcher(ctx.stack, this.topics.joined);
  }

  get topics() {
    const t = this.ctx.names.topics;
    return { input: t.input!, status: t.status!, counts: t.counts!, joined: t.joined! };
  }

  get applicationId(): string {
    return this.ctx.names.applicationIds.app!;
  }

  async watch(): Promise<void> {
    await Promise.all([this.counts.start(), this.joined.start()]);
  }

  /**
   * Starts an instance with a fresh, empty state folder: `KGRADE_STATE_DIR`, and `java.io.tmpdir` for a JVM
   * that keeps Kafka Streams' default `state.dir`. Whatever it knew must come back from Kafka.
   */
  start(label: string): Promise<SolutionProcess> {
    // Handed to the solution: its programs can write it, sandboxed or not (removed with the session).
    const dir = handOver(this.ctx.solution, `kgrade-ex6-${this.ctx.runId}-start-${++this.starts}`, 'folder');
    const m = this.ctx.solution.manifest;
    const own =
      m.exercises?.[this.ctx.exerciseId]?.env?.JAVA_TOOL_OPTIONS ??
      m.env?.JAVA_TOOL_OPTIONS ??
      process.env.JAVA_TOOL_OPTIONS;
    return this.app.startInstance(label, {
      [EX6_STATE_DIR_ENV]: dir,
      JAVA_TOOL_OPTIONS: [own, `-Djava.io.tmpdir=${dir}`].filter(Boolean).join(' '),
    });
  }

  /** Writes messages (acks=all) and waits for their acknowledgement. */
  async produce(topic: string, messages: InputMessage[]): Promise<void> {
    this.producer ??= await (async () => {
      const p = this.ctx.stack.observerProducer('kgrade-ex6-writer', { idempotent: true });
      await p.connect();
      return p;
    })();
    await this.producer.send({ topic, acks: -1, messages: messages.map((m) => ({ key: m.key, value: m.value })) });
  }

  /** The records of the counts topic so far, each value as its bytes (see rawValue). */
  countRecords(): WatchedRecord[] {
    return this.counts.records().map((r) => ({ ...r, value: rawValue(r) }));
  }

  /** The last count the application published for each word (the counts topic's last value per key, as its bytes). */
  publishedCounts(): Map<string, string | null> {
    return lastValues(this.countRecords());
  }

  joinedRecords(): WatchedRecord[] {
    return this.joined.records();
  }

  /**
   * How far the application's group (its `application.id`) committed on every topic it consumes (the input and,
   * with Kafka Streams, its repartition topic). Caught up = the input and every topic it committed on are
   * committed to their end: what it produced before committing (counts, changelog) is on the brokers.
   */
  async progress(): Promise<Progress> {
    const admin = await this.ctx.stack.admin();
    const committed = await admin.fetchOffsets({ groupId: this.applicationId });
    const topics = new Set([this.topics.input, ...committed.map((t) => t.topic)]);
    const out: Progress = { topics: [] };
    for (const topic of topics) {
      const ends = await this.ctx.stack.topicOffsets(topic).catch(() => []);
      const c = committed.find((t) => t.topic === topic);
      out.topics.push({
        topic,
        partitions: ends.map((e) => ({
          partition: e.partition,
          end: Number(e.high),
          committed: Number(c?.partitions.find((p) => p.partition === e.partition)?.offset ?? -1),
        })),
      });
    }
    return out;
  }

  /**
   * Polls the group's progress until caught up (or the timeout); the application must stay alive. A solution
   * whose group (its application.id) never committed on the input cannot show it caught up: for it, `quiet`
   * (e.g. its counts stopped changing) ends the wait instead.
   */
  async waitCaughtUp(
    timeoutMs: number,
    caughtUp: (p: Progress) => boolean,
    quiet: () => boolean = () => false,
  ): Promise<{ caughtUp: boolean; ms: number; progress: Progress }> {
    const t = performance.now();
    let progress: Progress = { topics: [] };
    while (performance.now() - t < timeoutMs) {
      progress = await this.progress();
      if (caughtUp(progress)) return { caughtUp: true, ms: Math.round(performance.now() - t), progress };
      if (committedOn(progress, this.topics.input) === 0 && quiet()) break;
      this.app.assertSomeInstanceAlive();
      await delay(250);
    }
    return { caughtUp: false, ms: Math.round(performance.now() - t), progress };
  }

  /** True once the counts topic got no new record for `ms` (checked on each call). */
  countsQuietFor(ms: number): () => boolean {
    let seen = -1;
    let since = performance.now();
    return () => {
      const n = this.counts.records().length;
      if (n !== seen) {
        seen = n;
        since = performance.now();
      }
      return n > 0 && performance.now() - since >= ms;
    };
  }

  assertAlive(): void {
    this.app.assertSomeInstanceAlive();
  }

  running(): SolutionProcess[] {
    return this.app.running();
  }

  /** Stops (SIGTERM) or kills (SIGKILL) every running instance, keeping their output for the report; after a kill the dead members leave the application's group at once. */
  stopAll(how: 'stop' | 'kill'): Promise<void> {
    return this.app.stopAll(how);
  }

  async stop(): Promise<void> {
    await this.stopAll('stop');
    await this.producer?.disconnect().catch(() => undefined);
    await Promise.all([this.counts.stop(), this.joined.stop()]);
  }
}
