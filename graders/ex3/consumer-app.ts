import kafkajs, { type Producer } from 'kafkajs';
import { SolutionError } from '../../core/errors.js';
import { tail } from '../../core/exec.js';
import { defaultPartitionForKey } from '../../core/murmur2.js';
import type { RunContext } from '../../engine/exercise.js';
import { SolutionProcess } from '../../runner/solution-process.js';
import { launchSpec } from '../../runner/solution.js';
import { TopicWatcher, type WatchedRecord } from '../../kit/readers/topic-watcher.js';
import { EX3_PROCESSED_FILE_ENV, EX3_RULES } from './contract.js';
import { ProcessedFileWatcher } from './processed-file.js';
import { readyRule } from './ready.js';

const { AssignerProtocol } = kafkajs;

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
  readonly instances: SolutionProcess[] = [];
  readonly inputs: InputRecord[] = [];
  private producer?: Producer;
  private counter = 0;

  constructor(
    private readonly ctx: RunContext,
    readonly input: string,
    readonly processedTopic: string,
    readonly watcher: ProcessedSource,
    /** With `"sink": "file"`: the file the application appends to. */
    readonly processedFile?: string,
  ) {}

  get groups() {
    return { critical: this.ctx.names.groups.critical!, general: this.ctx.names.groups.general! };
  }

  get generalPartitions(): number[] {
    return Array.from({ length: EX3_RULES.partitions }, (_, p) => p).filter((p) => !EX3_RULES.reserved.includes(p));
  }

  /** Starts one more instance and waits for its ready line. */
  async startInstance(label: string, processingMs = EX3_RULES.processingMs): Promise<SolutionProcess> {
    const proc = new SolutionProcess(label, launchSpec(this.ctx.solution, this.ctx.exerciseId, {
        ...this.ctx.solutionEnv,
        KGRADE_RESERVED_PARTITIONS: EX3_RULES.reserved.join(','),
        KGRADE_PROCESSING_MS: String(processingMs),
        ...(this.processedFile ? { [EX3_PROCESSED_FILE_ENV]: this.processedFile } : {}),
      }));
    this.instances.push(proc);
    const rule = readyRule(this.ctx.solution.manifest);
    const ready = await proc.waitForReady({ log: rule.pattern }, rule.timeoutMs);
    if (ready !== 'ready') {
      this.ctx.addLog(proc.log());
      if (ready === 'timeout') await proc.killAndWait();
      throw new SolutionError(ready === 'exited' ? 'start' : 'not-ready', ready === 'exited'
        ? { fr: `l'application consommatrice s'est arrêtée au démarrage (code ${proc.exitSummary().code})`, en: `the consumer application exited during start-up (code ${proc.exitSummary().code})` }
        : { fr: `l'application consommatrice n'a pas affiché sa ligne « prêt » (/${rule.line}/) en ${rule.timeoutMs / 1000} s`, en: `the consumer application did not print its ready line (/${rule.line}/) within ${rule.timeoutMs / 1000} s` }, {
        fr: ready === 'exited' ? "L'application s'est arrêtée au démarrage : lisez sa sortie ci-dessous." : `Affichez « ${rule.line} » sur la sortie standard une fois les deux consommateurs dans leurs groupes (ou déclarez votre ligne dans kgrade.json : "ready": {"log": "..."}).`,
        en: ready === 'exited' ? 'The application stopped during start-up: read its output below.' : `Print "${rule.line}" on stdout once both consumers have joined their groups (or declare your own line in kgrade.json: "ready": {"log": "..."}).`,
      }, tail(proc.stderrText() + '\n' + proc.stdoutText(), 25));
    }
    return proc;
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
      const partition = type === 'NEW_MESSAGE' ? EX3_RULES.reserved[0]! : others[defaultPartitionForKey(key, others.length)]!;
      return { id, type, key, partition, value: JSON.stringify({ id, type, userId: key, content: `notification ${id}` }) };
    });
    const out: InputRecord[] = [];
    // Batches of 50 keep the flood fast while every record gets its own acknowledged offset.
    for (let i = 0; i < messages.length; i += 50) {
      const chunk = messages.slice(i, i + 50);
      const res = await this.producer.send({ topic: this.input, acks: -1, messages: chunk.map((m) => ({ key: m.key, value: m.value, partition: m.partition })) });
      const ackedAtMs = Date.now();
      const base = new Map(res.map((r) => [r.partition, Number(r.baseOffset)]));
      const next = new Map<number, number>();
      for (const m of chunk) {
        const n = next.get(m.partition) ?? 0;
        next.set(m.partition, n + 1);
        out.push({ id: m.id, type: m.type, key: m.key, partition: m.partition, offset: base.get(m.partition)! + n, ackedAtMs });
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

  async waitProcessed(ids: string[], timeoutMs: number): Promise<boolean> {
    const t = performance.now();
    while (performance.now() - t < timeoutMs) {
      const seen = this.processedIds();
      if (ids.every((id) => seen.has(id))) return true;
      this.assertSomeInstanceAlive();
      await new Promise((r) => setTimeout(r, 100));
    }
    return false;
  }

  private assertSomeInstanceAlive(): void {
    if (this.instances.length && this.instances.every((p) => !p.running)) {
      const last = this.instances[this.instances.length - 1]!;
      throw new SolutionError('crash', { fr: `l'application consommatrice s'est arrêtée (code ${last.exitSummary().code})`, en: `the consumer application exited (code ${last.exitSummary().code})` }, { fr: "L'application s'est arrêtée : lisez sa sortie.", en: 'The application stopped: read its output.' }, tail(last.stderrText() + '\n' + last.stdoutText(), 25));
    }
  }

  async committed(group: string): Promise<Map<number, number>> {
    const admin = await this.ctx.stack.admin();
    const [t] = await admin.fetchOffsets({ groupId: group, topics: [this.input] });
    return new Map((t?.partitions ?? []).filter((p) => Number(p.offset) >= 0).map((p) => [p.partition, Number(p.offset)]));
  }

  /** Members of a group and the input partitions each was assigned. */
  async members(group: string): Promise<{ state: string; members: { id: string; partitions: number[] }[] }> {
    const admin = await this.ctx.stack.admin();
    const { groups } = await admin.describeGroups([group]);
    const g = groups[0]!;
    return {
      state: g.state,
      members: g.members.map((m) => {
        let partitions: number[] = [];
        try {
          const a = AssignerProtocol.MemberAssignment.decode(m.memberAssignment);
          partitions = [...(a?.assignment[this.input] ?? [])].sort((x, y) => x - y);
        } catch {
          /* a non-consumer protocol: no partitions to show */
        }
        return { id: m.memberId, partitions };
      }),
    };
  }

  /** Records no declared group has committed past: per partition, the smallest lag of the two groups. */
  async lag(): Promise<number> {
    const admin = await this.ctx.stack.admin();
    const ends = new Map((await admin.fetchTopicOffsets(this.input)).map((o) => [o.partition, Number(o.high)]));
    const committed = [await this.committed(this.groups.critical), await this.committed(this.groups.general)];
    let lag = 0;
    for (const [p, end] of ends) lag += Math.min(...committed.map((c) => Math.max(0, end - (c.get(p) ?? 0))));
    return lag;
  }

  /** Instances still running. */
  running(): SolutionProcess[] {
    return this.instances.filter((p) => p.running);
  }

  /** Stops (SIGTERM) or kills (SIGKILL) every running instance, keeping their output for the report. */
  async stopAll(how: 'stop' | 'kill'): Promise<void> {
    await Promise.all(this.running().map((p) => (how === 'stop' ? p.stop(15_000) : p.killAndWait())));
    for (const p of this.instances.splice(0)) this.ctx.addLog(p.log());
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
  return [{ id: j.id, type: String(j.type), group: String(j.group), partition: Number(j.partition), offset: Number(j.offset), sentAtMs: r.timestampMs, seenAtMs: r.seenAtMs, at: { partition: r.partition, offset: r.offset } }];
}

/** Creates the topics, starts the watcher and the first instance. */
export async function startConsumerApp(ctx: RunContext): Promise<ConsumerApp> {
  const input = ctx.names.topics.notifications!;
  const processed = ctx.names.topics.processed!;
  const rf = Math.min(3, ctx.stack.brokers.length);
  await ctx.stack.createTopics([{ topic: input, numPartitions: EX3_RULES.partitions, replicationFactor: rf }, { topic: processed, numPartitions: 3, replicationFactor: rf }]);
  const sink = ctx.solution.manifest.exercises?.[ctx.exerciseId]?.sink ?? 'topic';
  const fileWatcher = sink === 'file' ? new ProcessedFileWatcher(ctx.runId) : undefined;
  const watcher = fileWatcher ?? new TopicWatcher(ctx.stack, processed);
  await watcher.start();
  const app = new ConsumerApp(ctx, input, processed, watcher, fileWatcher?.file);
  await app.startInstance('app');
  return app;
}
