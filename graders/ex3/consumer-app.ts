import type { Producer } from 'kafkajs';
import { defaultPartitionForKey } from '../../kit/judging/partitions.js';
import type { RunContext } from '../../engine/exercise.js';
import { committedOffsets, groupMembers, smallestLag, type GroupMembers } from '../../kit/readers/groups.js';
import { TopicWatcher, type WatchedRecord } from '../../kit/readers/topic-watcher.js';
import type { Eviction } from '../../kit/faults/evict-members.js';
import { LongRunningApp } from '../../kit/solution/long-running-app.js';
import type { SolutionProcess } from '../../runner/solution-process.js';
import { handOver } from '../../runner/solution.js';
import { EX3_PROCESSED_FILE_ENV, EX3_RULES } from './contract.js';
import { ProcessedFileWatcher } from './processed-file.js';
import { readyRule } from './ready.js';

export interface InputRecord {
  id: string;
  type: 'NEW_MESSAGE' | 'LIKE' | 'COMMENT';
  key: string;
  partition: number;
  offset: number;
  /** When the brokers acknowledged it (grader's clock). */
  ackedAtMs: number;
}

export interface ProcessingRecord {
  id: string;
  type: string;
  group: string;
  /** Input partition and offset the application reported. */
  partition: number;
  offset: number;
  /** CreateTime of the processing record: when the application sent it. */
  sentAtMs: number;
  /** When the grader saw it. */
  seenAtMs: number;
  at: { partition: number; offset: number };
}

/** What the application processed, as the grader reads it: the processed topic (default) or a file. */
export interface ProcessedSource {
  records(): WatchedRecord[];
  stop(): Promise<void>;
}

/** The student's consumer application (one or more instances), the input the grader writes, what it processed. */
export class ConsumerApp {
  readonly inputs: InputRecord[] = [];
  private readonly app: LongRunningApp;
  private producer?: Producer;
  private counter = 0;

  constructor(
    private readonly ctx: RunContext,
    readonly input: string,
    readonly processedTopic: string,
    readonly watcher: ProcessedSource,
    /** With `"sink": "file"`: the file the application appends to. */
    readonly processedFile?: string,
  ) {
    const rule = readyRule(ctx.solution.manifest);
    this.app = new LongRunningApp(ctx, {
      name: { fr: "l'application consommatrice", en: 'the consumer application' },
      ready: rule,
      readyHint: {
        fr: `Affichez « ${rule.line} » sur la sortie standard une fois les deux consommateurs dans leurs groupes (ou déclarez votre ligne dans kgrade.json : "ready": {"log": "..."}).`,
        en: `Print "${rule.line}" on stdout once both consumers have joined their groups (or declare your own line in kgrade.json: "ready": {"log": "..."}).`,
      },
      groups: [this.groups.critical, this.groups.general],
    });
  }

  get groups() {
    return { critical: this.ctx.names.groups.critical!, general: this.ctx.names.groups.general! };
  }

  get generalPartitions(): number[] {
    return Array.from({ length: EX3_RULES.partitions }, (_, p) => p).filter((p) => !EX3_RULES.reserved.includes(p));
  }

  /** Starts one more instance and waits for its ready line. */
  startInstance(label: string, processingMs = EX3_RULES.processingMs): Promise<SolutionProcess> {
    return this.app.startInstance(label, {
      KGRADE_RESERVED_PARTITIONS: EX3_RULES.reserved.join(','),
      KGRADE_PROCESSING_MS: String(processingMs),
      ...(this.processedFile ? { [EX3_PROCESSED_FILE_ENV]: this.processedFile } : {}),
    });
  }

  /** Writes notifications as ex2's partitioner would: critical on the reserved partition, general hashed over the others. */
  async produce(types: InputRecord['type'][]): Promise<InputRecord[]> {
    this.producer ??= await (async () => {
      const p = this.ctx.stack.observerProducer('kgrade-ex3-writer', { idempotent: true });
      await p.connect();
      return p;
    })();
    const messages = types.map((type) => {
      const id = `${this.ctx.runId}-${++this.counter}`;
      const key = `u-${this.ctx.rng.id(6)}`;
      const others = this.generalPartitions;
      const partition =
        type === 'NEW_MESSAGE' ? EX3_RULES.reserved[0]! : others[defaultPartitionForKey(key, others.length)]!;
      return {
        id,
        type,
        key,
        partition,
        value: JSON.stringify({ id, type, userId: key, content: `notification ${id}` }),
      };
    });
    const out: InputRecord[] = [];
    // Batches of 50 keep the flood fast while every record gets its own acknowledged offset.
    for (let i = 0; i < messages.length; i += 50) {
      const chunk = messages.slice(i, i + 50);
      const res = await this.producer.send({
        topic: this.input,
        acks: -1,
        messages: chunk.map((m) => ({ key: m.key, value: m.value, partition: m.partition })),
      });
      const ackedAtMs = Date.now();
      const base = new Map(res.map((r) => [r.partition, Number(r.baseOffset)]));
      const next = new Map<number, number>();
      for (const m of chunk) {
        const n = next.get(m.partition) ?? 0;
        next.set(m.partition, n + 1);
        out.push({
          id: m.id,
          type: m.type,
          key: m.key,
          partition: m.partition,
          offset: base.get(m.partition)! + n,
          ackedAtMs,
        });
      }
    }
    this.inputs.push(...out);
    return out;
  }

  /** Processing records seen so far (each copy, duplicates included). */
  processed(): ProcessingRecord[] {
    return this.watcher.records().flatMap(toProcessing);
  }

  processedIds(): Set<string> {
    return new Set(this.processed().map((p) => p.id));
  }

  /** Waits until every id is processed (true), `timeoutMs` passed or `stop()` says the wait decides nothing more (false). */
  async waitProcessed(ids: string[], timeoutMs: number, stop?: () => boolean): Promise<boolean> {
    const t = performance.now();
    while (performance.now() - t < timeoutMs) {
      const seen = this.processedIds();
      if (ids.every((id) => seen.has(id))) return true;
      if (stop?.()) return false;
      this.app.assertSomeInstanceAlive();
      await new Promise((r) => setTimeout(r, 100));
    }
    return false;
  }

  /**
   * Waits until every record is processed, or until the group has committed past every record still missing and
   * nothing more was processed for `quietMs`: a consumer resumes from its committed offsets, so those records
   * will never come (at-most-once) and waiting longer proves nothing more. Returns whether all were processed.
   */
  async waitProcessedOrPassed(
    batch: { id: string; partition: number; offset: number }[],
    group: string,
    timeoutMs: number,
    quietMs = 3000,
  ): Promise<boolean> {
    const t = performance.now();
    let count = -1;
    let since = performance.now();
    while (performance.now() - t < timeoutMs) {
      const seen = this.processedIds();
      const missing = batch.filter((b) => !seen.has(b.id));
      if (missing.length === 0) return true;
      if (seen.size !== count) {
        count = seen.size;
        since = performance.now();
      } else if (performance.now() - since >= quietMs) {
        const committed = await this.committed(group);
        if (missing.every((m) => (committed.get(m.partition) ?? -1) > m.offset)) return false;
      }
      this.app.assertSomeInstanceAlive();
      await new Promise((r) => setTimeout(r, 100));
    }
    return false;
  }

  committed(group: string): Promise<Map<number, number>> {
    return committedOffsets(this.ctx.stack, group, this.input);
  }

  /** Members of a group and the input partitions each was assigned. */
  members(group: string): Promise<GroupMembers> {
    return groupMembers(this.ctx.stack, group, this.input);
  }

  /** Records no declared group has committed past: per partition, the smallest lag of the two groups. */
  lag(): Promise<number> {
    return smallestLag(this.ctx.stack, this.input, [this.groups.critical, this.groups.general]);
  }

  /** Instances still running. */
  running(): SolutionProcess[] {
    return this.app.running();
  }

  /** Stops (SIGTERM) or kills (SIGKILL) every running instance, keeping their output for the report; after a kill the dead members leave both groups at once. */
  stopAll(how: 'stop' | 'kill'): Promise<void> {
    return this.app.stopAll(how);
  }

  /** What the last kill's eviction did, per group (the evidence names it). */
  get lastEvictions(): Eviction[] {
    return this.app.lastEvictions;
  }

  async stop(): Promise<void> {
    await this.stopAll('stop');
    await this.producer?.disconnect().catch(() => undefined);
    await this.watcher.stop();
  }
}

function toProcessing(r: WatchedRecord): ProcessingRecord[] {
  const j = r.json;
  if (!j || typeof j.id !== 'string') return [];
  return [
    {
      id: j.id,
      type: String(j.type),
      group: String(j.group),
      partition: Number(j.partition),
      offset: Number(j.offset),
      sentAtMs: r.timestampMs,
      seenAtMs: r.seenAtMs,
      at: { partition: r.partition, offset: r.offset },
    },
  ];
}

/** Creates the topics, starts the watcher and the first instance. */
export async function startConsumerApp(ctx: RunContext): Promise<ConsumerApp> {
  const input = ctx.names.topics.notifications!;
  const processed = ctx.names.topics.processed!;
  const rf = Math.min(3, ctx.stack.brokers.length);
  await ctx.stack.createTopics([
    { topic: input, numPartitions: EX3_RULES.partitions, replicationFactor: rf },
    { topic: processed, numPartitions: 3, replicationFactor: rf },
  ]);
  const sink = ctx.solution.manifest.exercises?.[ctx.exerciseId]?.sink ?? 'topic';
  const fileWatcher =
    sink === 'file'
      ? new ProcessedFileWatcher(handOver(ctx.solution, `kgrade-ex3-${ctx.runId}-processed.jsonl`, 'file'))
      : undefined;
  const watcher = fileWatcher ?? new TopicWatcher(ctx.stack, processed);
  await watcher.start();
  const app = new ConsumerApp(ctx, input, processed, watcher, fileWatcher?.file);
  await app.startInstance('app');
  return app;
}
