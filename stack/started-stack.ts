import { notEnoughReplicasRefusals } from './broker-log.js';
import {
  Kafka,
  logLevel,
  type Admin,
  type Consumer,
  type ConsumerConfig,
  type ITopicConfig,
  type Producer,
  type ProducerConfig,
} from 'kafkajs';
import { GraderError } from '../core/errors.js';
import { delay, waitFor } from '../core/wait-for.js';
import type { StackInfo } from '../model/result.js';
import { ObserverAdmin } from './observer-admin.js';
import { servicesEnv, type StackServices } from './services/all.js';
import type { ProxyHandle } from './services/proxy/toxiproxy-control.js';
import type { BrokerEndpoint, ProviderName, StackSpec } from './stack-types.js';
import { registerKafkajsCodecs } from './kafkajs-codecs.js';
import { isConnectionFailure } from './wire/broker-connection.js';
import { describeLogDirs } from './wire/log-dirs.js';
import { listOffsets, type LeaderAnswer, type PartitionOffsets } from './wire/list-offsets.js';
import {
  clusterMetadata,
  clusterMetadataFromAny,
  topicsStillListed,
  UNKNOWN_TOPIC_OR_PARTITION,
  type ClusterMetadata,
} from './wire/metadata.js';
import { readBatchHeaders, type BatchHeader } from './wire/record-batches.js';
import { VERSIONS } from './versions.js';

/** Control over one broker process (or container). */
export interface BrokerControl {
  readonly id: number;
  readonly endpoint: BrokerEndpoint;
  /** The Toxiproxy proxy clients go through, when the stack has Toxiproxy. */
  readonly proxy?: ProxyHandle;
  /**
   * The proxy in front of this broker's replication listener (followers fetch from it as leader). Cutting it
   * isolates the broker from its followers while clients still reach it. Several brokers with Toxiproxy only.
   */
  readonly replicationProxy?: ProxyHandle;
  readonly running: boolean;
  /** Frozen by `pause()` (running, but answers nothing). */
  readonly paused?: boolean;
  /** OS process id, where the broker is a local process (native provider). */
  readonly pid?: number;
  /** Clean shutdown (controlled shutdown hands leadership over first). */
  stop(): Promise<void>;
  /** SIGKILL: a crash. */
  kill(): Promise<void>;
  /** SIGSTOP: the broker hangs (GC pause, frozen VM) without closing its connections. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  /** Starts it again and waits until the cluster sees it. */
  start(): Promise<void>;
  /** Everything the broker has printed so far (its log), where the provider can read it; evidence only the broker holds. */
  log?(): Promise<string>;
}

export type { PostgresInfo } from './services/postgres/postgres.js';
export type { StackServices } from './services/all.js';

/** What a provider must supply; the observer helpers come from `StartedKafkaStack`. */
export interface StackParts {
  provider: ProviderName;
  spec: StackSpec;
  brokers: BrokerControl[];
  services: StackServices;
  toxiproxyUrl?: string;
  /** Whether faults and broker control are possible (not on an external stack). */
  control: { faults: boolean; brokers: boolean };
  startMs: number;
  stop: () => Promise<void>;
  /** Process ids of the stack's services and its scratch folder (native), for diagnostics and clean-up checks. */
  processIds?: () => number[];
  workDir?: string;
  /** A service that died without being asked to (not a fault the grader injected). */
  healthError?: () => GraderError | undefined;
}

/** A running stack: endpoints, fault control, and the grader's own observer clients on the direct listener. */
export class StartedKafkaStack implements AsyncDisposable {
  private readonly observer = new ObserverAdmin(() => this.kafka());
  private stopped = false;

  constructor(private readonly parts: StackParts) {}

  get provider(): ProviderName {
    return this.parts.provider;
  }
  get spec(): StackSpec {
    return this.parts.spec;
  }
  get brokers(): BrokerControl[] {
    return this.parts.brokers;
  }
  get services(): StackServices {
    return this.parts.services;
  }
  get control() {
    return this.parts.control;
  }
  get startMs(): number {
    return this.parts.startMs;
  }
  get toxiproxyUrl(): string | undefined {
    return this.parts.toxiproxyUrl;
  }
  /** What students' clients use: through the proxies. */
  get bootstrapServers(): string {
    return this.brokers.map((b) => b.endpoint.proxied).join(',');
  }
  /**
   * What a solution started now bootstraps from: the proxied addresses of the brokers that answer (every broker
   * when none does). A stopped broker stays out of the list, as no deployment would name a dead host: behind its
   * proxy it accepts a connection and closes it, and kafkajs then retries that same seed broker instead of the
   * next one (it moves on after a refused connection only), so a kafkajs solution started while two brokers are
   * down could spend its whole run failing to connect.
   */
  get answeringBootstrapServers(): string {
    const up = this.answering;
    return (up.length ? up : this.brokers).map((b) => b.endpoint.proxied).join(',');
  }
  /** What the grader's observers use: never faulted. */
  get directBootstrapServers(): string {
    return this.brokers.map((b) => b.endpoint.direct).join(',');
  }

  broker(id: number): BrokerControl {
    const b = this.brokers.find((x) => x.id === id);
    if (!b)
      throw new GraderError(
        'INTERNAL',
        `no broker ${id} in this stack (brokers: ${this.brokers.map((x) => x.id).join(', ')})`,
        { hint: 'a check asked for a broker the stack does not have' },
      );
    return b;
  }

  /** A kafkajs client on the direct listeners, for observing (never for the student's traffic). */
  kafka(clientId = 'kgrade-observer'): Kafka {
    registerKafkajsCodecs(); // whatever codec a solution's client chose, from the first fetch
    return new Kafka({
      clientId,
      brokers: this.brokers.map((b) => b.endpoint.direct),
      logLevel: logLevel.NOTHING,
      retry: { retries: 8, initialRetryTime: 100, maxRetryTime: 1000 },
      connectionTimeout: 3000,
      requestTimeout: 10000,
    });
  }

  /**
   * A producer for the grader's own writes on the direct listeners. It never creates a topic: a topic
   * another run deleted must stay deleted.
   */
  observerProducer(clientId: string, config: ProducerConfig = {}): Producer {
    return this.kafka(clientId).producer({ ...config, allowAutoTopicCreation: false });
  }

  /**
   * A consumer for the grader's own reads on the direct listeners. It never creates a topic, and after a
   * crash kafkajs restarts it only while `keepRunning()` says so: by default kafkajs revives a crashed
   * consumer later, even after disconnect(), and such a leftover re-created its deleted topic for minutes.
   */
  observerConsumer(clientId: string, config: ConsumerConfig, keepRunning: () => boolean = () => false): Consumer {
    return this.kafka(clientId).consumer({
      ...config,
      allowAutoTopicCreation: false,
      retry: { ...config.retry, restartOnFailure: async () => keepRunning() },
    });
  }

  /**
   * The grader's shared admin client on the direct listeners. Requests failing because the cluster moved
   * (stale leader or coordinator after a fault) are retried on a fresh connection (observer-admin.ts).
   */
  async admin(): Promise<Admin> {
    await this.observer.connected();
    return this.observer.admin;
  }

  /** Brokers that can answer a request now: running and not paused. */
  private get answering(): BrokerControl[] {
    return this.brokers.filter((b) => b.running && !b.paused);
  }

  /**
   * Brokers and partition states as an answering broker sees them (direct listeners, tried in turn). Never
   * throws for a leaderless partition; see wire/metadata.ts.
   */
  async metadata(topics: string[] = []): Promise<ClusterMetadata> {
    return clusterMetadataFromAny(
      this.answering.map((b) => b.endpoint.direct),
      topics,
    );
  }

  async partitionState(
    topic: string,
    partition: number,
  ): Promise<{ leader: number; replicas: number[]; isr: number[] }> {
    const md = await this.metadata([topic]);
    const t = md.topics.find((x) => x.name === topic);
    if (t?.errorCode !== 0)
      throw new Error(`topic ${topic} not known to the cluster (error code ${t?.errorCode ?? 'none'})`);
    const p = t.partitions.find((x) => x.partition === partition);
    if (!p) throw new Error(`partition ${topic}-${partition} not found`);
    return { leader: p.leader, replicas: p.replicas, isr: p.isr };
  }

  /**
   * Bytes the brokers hold for these partitions of `topic`, every replica counted, as each broker reports its
   * own log dirs (DescribeLogDirs). Brokers stopped or paused are not asked.
   */
  async topicBytes(topic: string, partitions: number[] = [0]): Promise<number> {
    const sizes = await Promise.all(this.answering.map((b) => describeLogDirs(b.endpoint.direct, [topic], partitions)));
    return sizes
      .flat()
      .filter((r) => r.topic === topic && !r.future)
      .reduce((n, r) => n + r.bytes, 0);
  }

  /**
   * Each partition's first held offset and end offset, asked of its leader (ListOffsets, read-committed, as
   * kafkajs's admin asked), sorted by partition. Every call reads fresh metadata and asks the leaders directly.
   * Not kafkajs's `fetchTopicOffsets`: its admin answers from one metadata cache that every request refreshes,
   * and a refresh answered late replaces a newer one, so reads side by side sometimes found a topic without
   * partitions and failed ("Cannot destructure property 'partitions' of 'high.pop(...)'": 10 rounds of 20, seven
   * reads at once on 3 brokers). A leader that moved, stopped or does not answer yet is asked again until
   * `timeoutMs`; a topic that the broker asked does not list fails after 3 s.
   */
  async topicOffsets(topic: string, timeoutMs = 15_000): Promise<PartitionOffsets[]> {
    const started = Date.now();
    for (;;) {
      let failure: Error;
      const md = await this.metadata([topic]);
      const t = md.topics.find((x) => x.name === topic);
      if (!t || t.errorCode === UNKNOWN_TOPIC_OR_PARTITION) {
        failure = new Error(`topic ${topic} does not exist`);
        if (Date.now() - started >= 3000) throw failure;
      } else {
        const byLeader = new Map<number, number[]>();
        for (const p of t.partitions) byLeader.set(p.leader, [...(byLeader.get(p.leader) ?? []), p.partition]);
        const asked = await Promise.all(
          [...byLeader].map(async ([leader, partitions]) => {
            // No leader (-1), or one stopped or paused: asked again after the next metadata read.
            const b = this.answering.find((x) => x.id === leader);
            if (!b) return partitions.map((partition): LeaderAnswer => ({ partition, errorCode: -1 }));
            return listOffsets(b.endpoint.direct, topic, partitions).catch(async (e: unknown) => {
              if (!(await isConnectionFailure(e))) throw e;
              return partitions.map((partition): LeaderAnswer => ({ partition, errorCode: -1 }));
            });
          }),
        );
        const answers = asked.flat().sort((a, b) => a.partition - b.partition);
        const held = answers.filter((a): a is LeaderAnswer & PartitionOffsets => a.errorCode === 0);
        if (t.errorCode === 0 && held.length === answers.length && answers.length === t.partitions.length)
          return held.map(({ partition, low, high }) => ({ partition, low, high }));
        const unanswered = answers.filter((a) => a.errorCode !== 0).map((a) => `${a.partition} (error ${a.errorCode})`);
        failure = new Error(
          `no leader gave the offsets of ${topic} (topic error ${t.errorCode}; partitions ${unanswered.join(', ') || 'none'}; -1: leader stopped, paused or unreachable)`,
        );
      }
      if (Date.now() - started >= timeoutMs) throw failure;
      await delay(200);
    }
  }

  /**
   * Every record batch of `topic`-`partition` as its leader serves it: codec, records per batch, size. Right
   * after a broker stopped or restarted, the leader a broker names may be one that no longer (or not yet)
   * answers: the leader is asked again until one serves the batches (15 s at most). No leader at all is an
   * answer, given at once.
   */
  async recordBatches(topic: string, partition: number): Promise<BatchHeader[]> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const leader = await this.leaderOf(topic, partition);
      if (leader < 0) throw new Error(`${topic}-${partition} has no leader to read its batches from`);
      const broker = this.broker(leader);
      let failure: unknown;
      if (broker.running && !broker.paused) {
        try {
          return await readBatchHeaders(broker.endpoint.direct, topic, partition);
        } catch (e) {
          if (!(await isConnectionFailure(e))) throw e;
          failure = e;
        }
      } else
        failure = new Error(
          `${topic}-${partition} is led by broker ${leader}, which is ${broker.paused ? 'paused' : 'stopped'}`,
        );
      if (Date.now() >= deadline) throw failure;
      await delay(250);
    }
  }

  /** Id of the broker leading `topic`-`partition` now (-1 when there is none). */
  /**
   * How many writes to `topic` the brokers refused because fewer replicas than min.insync.replicas were in
   * sync, read from their own logs (only an acks=all producer meets that refusal). Undefined where the provider
   * cannot read broker logs (external stack).
   */
  async notEnoughReplicasRefusals(topic: string): Promise<number | undefined> {
    const readable = this.parts.brokers.filter((b) => b.log);
    if (readable.length === 0) return undefined;
    const texts = await Promise.all(readable.map((b) => b.log!().catch(() => '')));
    return texts.reduce((n, t) => n + notEnoughReplicasRefusals(t, topic), 0);
  }

  async leaderOf(topic: string, partition: number): Promise<number> {
    return (await this.partitionState(topic, partition)).leader;
  }

  /**
   * Each answering broker's own metadata for `topics` (`md` undefined when it did not answer), asked side by side.
   * What every wait on a topic's state reads: a creation, deletion or ISR change reaches each broker through the
   * metadata log at its own pace, so one broker's word is not the cluster's.
   */
  private async brokerViews(topics: string[]): Promise<{ broker: number; md?: ClusterMetadata }[]> {
    return Promise.all(
      this.answering.map((b) =>
        clusterMetadata(b.endpoint.direct, topics).then(
          (md) => ({ broker: b.id, md }),
          () => ({ broker: b.id }),
        ),
      ),
    );
  }

  /**
   * Waits until the partition's ISR has at least `size` members (default: all replicas) as every answering broker
   * sees it; returns the ISR. Every broker, not the first: a broker resumed after a pause answers from the
   * metadata it had when it froze (the full ISR it left) until it catches up, while the leader knows the truth.
   */
  async waitForIsr(topic: string, partition: number, size?: number, timeoutMs = 30_000): Promise<number[]> {
    return waitFor(
      async () => {
        let isr: number[] | undefined;
        for (const { md } of await this.brokerViews([topic])) {
          const p = md?.topics
            .find((t) => t.name === topic && t.errorCode === 0)
            ?.partitions.find((x) => x.partition === partition);
          if (!p || p.leader < 0 || p.isr.length < (size ?? p.replicas.length)) return undefined;
          isr ??= p.isr;
        }
        return isr;
      },
      { timeoutMs, intervalMs: 200, what: `ISR of ${topic}-${partition} to reach ${size ?? 'all replicas'}` },
    );
  }

  /**
   * Waits until no answering broker lists any of these (deleted) topics. A deletion reaches each broker through
   * the metadata log at its own pace: a topic created again under the same name before every broker forgot the old
   * one races with that deletion (a broker still applying it answers "This server does not host this
   * topic-partition" for the new topic). Not gradable when a broker still lists one after `timeoutMs`.
   */
  async waitForTopicsGone(topics: string[], timeoutMs = 15_000): Promise<void> {
    if (!topics.length) return;
    let listed: string[] = [];
    try {
      await waitFor(
        async () => {
          const views = await this.brokerViews(topics);
          // A broker that did not answer may still hold them: waited for, as before.
          if (views.some((v) => !v.md)) throw new Error('a broker did not answer');
          listed = views
            .map((v) => ({ broker: v.broker, topics: topicsStillListed(v.md!, topics) }))
            .filter((v) => v.topics.length)
            .map((v) => `broker ${v.broker}: ${v.topics.join(', ')}`);
          return listed.length === 0;
        },
        { timeoutMs, intervalMs: 200, what: `every broker to forget the deleted topics ${topics.join(', ')}` },
      );
    } catch (e) {
      throw new GraderError(
        'STACK_NOT_READY',
        `deleted topics still listed after ${timeoutMs} ms (${listed.join('; ') || 'a broker did not answer'})`,
        {
          hint: 'the brokers are too slow to apply a deletion (machine overloaded?): grade again, or with a fresh stack',
          cause: e,
        },
      );
    }
  }

  /**
   * Whether a topic exists, as the cluster will soon agree: a topic just created reaches each broker through the
   * metadata log at its own pace, so the broker one client asks may not list it yet (measured: 50-550 ms behind
   * under load 16). True once any answering broker lists it, after waiting (at most `timeoutMs`) until every
   * answering broker does, so that what is read next sees it; false when none lists it within `timeoutMs`.
   */
  async topicListed(topic: string, timeoutMs = 3_000): Promise<boolean> {
    let seen = false;
    try {
      await waitFor(
        async () => {
          const views = (await this.brokerViews([topic])).map(
            (v) => !!v.md && topicsStillListed(v.md, [topic]).length > 0,
          );
          seen ||= views.some(Boolean);
          return views.length > 0 && views.every(Boolean);
        },
        { timeoutMs, intervalMs: 150, what: `every broker to list topic ${topic}` },
      );
      return true;
    } catch {
      return seen;
    }
  }

  /**
   * Creates topics (those that exist are left as they are) and waits until every partition has a leader.
   * Retries: right after a stack starts or heals, brokers briefly answer UNKNOWN_TOPIC_OR_PARTITION.
   */
  async createTopics(topics: ITopicConfig[], timeoutMs = 60_000): Promise<void> {
    const admin = await this.admin();
    const names = topics.map((t) => t.topic);
    await waitFor(
      async () => {
        const existing = new Set(await admin.listTopics());
        const missing = topics.filter((t) => !existing.has(t.topic));
        if (missing.length) await admin.createTopics({ topics: missing });
        // Every broker's view, not one's: a client's first metadata request may reach a broker that has not applied
        // the creation yet (a producer then waits up to its max.block.ms for a topic the grader made for it).
        const views = await this.brokerViews(names);
        return views.length > 0 && views.every((v) => v.md !== undefined && allLed(v.md, names));
      },
      { timeoutMs, intervalMs: 250, what: `topics ${names.join(', ')} to have leaders on every broker` },
    );
  }

  /**
   * Waits until every running broker is registered and unfenced. A broker stopped or killed may still be listed
   * a while (until the controller fences it): this does not wait for that.
   */
  async waitForBrokers(timeoutMs = 30_000): Promise<void> {
    const expected = this.brokers
      .filter((b) => b.running)
      .map((b) => b.id)
      .sort();
    await waitFor(
      async () => {
        // Brokers only, never topics: a leaderless partition elsewhere must not hide a healed cluster.
        const ids = (await this.metadata()).brokers.map((b) => b.nodeId);
        return expected.every((id) => ids.includes(id));
      },
      { timeoutMs, intervalMs: 200, what: `brokers ${expected.join(', ')} to be registered` },
    );
  }

  /**
   * Deletes every topic but internal ones (names starting with `_`: offsets, transactions, Connect's), so the
   * next grading starts on an empty cluster as on a fresh one. A topic left by an earlier run is not
   * harmless: with a broker down, a leaderless partition of it makes kafkajs clients (asking metadata for all
   * topics when they connect) fail. Stacks kgrade started only; an external cluster is never touched.
   */
  async clearTopics(): Promise<string[]> {
    if (this.provider === 'external') return [];
    const admin = await this.admin();
    const topics = (await admin.listTopics()).filter((t) => !t.startsWith('_'));
    if (!topics.length) return [];
    await admin.deleteTopics({ topics, timeout: 30_000 }).catch(() => undefined);
    // A client still running elsewhere may re-create a topic at once (broker auto-creation): that leftover
    // has another run's name and cannot disturb this one, so wait a little, never fail the grading for it.
    await waitFor(
      async () => {
        const left = new Set(await admin.listTopics());
        return topics.every((t) => !left.has(t));
      },
      { timeoutMs: 15_000, intervalMs: 250, what: `${topics.length} leftover topic(s) to be deleted` },
    ).catch(() => undefined);
    void this.observer.reset(); // its metadata still names the deleted topics
    return topics;
  }

  /** A heal started by healInBackground() and not yet waited for by heal(), healed() or stop(). */
  private healing?: Promise<void>;

  /** Undoes every fault: toxics removed, links up, brokers resumed and started. */
  async heal(): Promise<void> {
    // A heal in the background is waited for first; if it failed, this one does it again.
    await this.healed().catch(() => undefined);
    await this.healNow();
  }

  /**
   * Starts heal() without waiting for it: a grading's last check leaves restarting the brokers it stopped to the
   * time after its result. heal(), healed() and stop() wait for it, so the next user of the stack (the pool heals
   * on each lease) never finds it half-healed. `then` runs after it, as part of it (waiting for an ISR to fill up
   * again: a broker just restarted is slow until it caught up).
   */
  healInBackground(then?: () => Promise<void>): void {
    const before = this.healing;
    let run: Promise<void> | undefined;
    run = (async () => {
      await before?.catch(() => undefined);
      await this.healNow();
      await then?.();
      // Done and fine: nothing left to wait for (a failure stays, for heal(), healed() or stop() to see).
      if (this.healing === run) this.healing = undefined;
    })();
    run.catch(() => undefined); // waited for (and its failure seen) by heal(), healed() or stop()
    this.healing = run;
  }

  /** Whether a heal started by healInBackground() is still running (or failed, not yet seen by heal()/healed()). */
  get healPending(): boolean {
    return this.healing !== undefined;
  }

  /** Waits for a heal started by healInBackground(), if any; throws what made it fail. */
  async healed(): Promise<void> {
    const h = this.healing;
    if (!h) return;
    try {
      await h;
    } finally {
      if (this.healing === h) this.healing = undefined;
    }
  }

  private async healNow(): Promise<void> {
    const stopped: BrokerControl[] = [];
    for (const b of this.brokers) {
      await b.proxy?.clear();
      await b.replicationProxy?.clear();
      if (b.running) await b.resume();
      else stopped.push(b);
    }
    // Stopped brokers start together (each start waits until its broker is registered): a heal after two brokers
    // were stopped takes one broker start, not two.
    await Promise.all(stopped.map((b) => b.start()));
    await this.waitForBrokers();
  }

  /**
   * Environment a solution receives (DESIGN.md contract). `brokers: 'answering'` (for a launch) lists only the
   * brokers that answer now (see answeringBootstrapServers); `'all'` every broker (what the sandbox must let
   * through, what `kgrade stack up` prints).
   */
  solutionEnv(brokers: 'answering' | 'all' = 'all'): Record<string, string> {
    const bootstrap = brokers === 'answering' ? this.answeringBootstrapServers : this.bootstrapServers;
    const env: Record<string, string> = {
      KAFKA_BOOTSTRAP_SERVERS: bootstrap,
      SPRING_KAFKA_BOOTSTRAP_SERVERS: bootstrap,
    };
    return { ...env, ...servicesEnv(this.services) };
  }

  info(): StackInfo {
    return {
      provider: this.provider,
      brokers: this.brokers.length,
      kafkaVersion: VERSIONS.kafka,
      services: [...(this.spec.toxiproxy ? ['toxiproxy'] : []), ...this.spec.services],
    };
  }

  processIds(): number[] {
    return this.parts.processIds?.() ?? [];
  }

  get workDir(): string | undefined {
    return this.parts.workDir;
  }

  /** Throws the typed error (with log tail) of a service that died on its own since start. */
  assertHealthy(): void {
    const err = this.parts.healthError?.();
    if (err) throw err;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    // Brokers a background heal is starting are stopped once they are up, never while they start.
    await this.healed().catch(() => undefined);
    await this.observer.close();
    await this.parts.stop();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }
}

/** Whether `md` lists each of `topics` with partitions that all have a leader. Pure. */
function allLed(md: ClusterMetadata, topics: string[]): boolean {
  return topics.every((name) => {
    const t = md.topics.find((x) => x.name === name);
    return t !== undefined && t.errorCode === 0 && t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0);
  });
}
