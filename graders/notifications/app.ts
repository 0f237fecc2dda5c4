import type { Rng } from '../../core/rng.js';
import type { RunContext } from '../../engine/exercise.js';
import { TopicWatcher } from '../../kit/readers/topic-watcher.js';
import {
  parseEndpoint,
  startHttpService,
  type Endpoint,
  type HttpOutcome,
  type HttpService,
} from '../../kit/solution/http-service.js';
import type { SolutionProcess } from '../../runner/solution-process.js';
import { NOTIFICATIONS_RULES, type Notification, type NotificationType } from './contract.js';

/** The student's notification service, started for a run, with the grader's view of its topic. */
export class NotificationsApp {
  private counter = 0;

  constructor(
    readonly service: HttpService,
    readonly topic: string,
    readonly partitions: number,
    readonly reserved: number[],
    readonly watcher: TopicWatcher,
    private readonly endpoints: Record<string, Endpoint>,
    private readonly rng: Rng,
    private readonly runId: string,
  ) {}

  get nonReserved(): number[] {
    return Array.from({ length: this.partitions }, (_, p) => p).filter((p) => !this.reserved.includes(p));
  }

  /** A notification with a unique content marker (so its record can be found on the topic). */
  notification(type: NotificationType, userId?: string): Notification {
    this.counter++;
    return {
      type,
      userId: userId ?? `u-${this.rng.id(8)}`,
      content: `kgrade ${this.runId} #${this.counter} ${this.rng.id(6)}`,
    };
  }

  get proc(): SolutionProcess {
    return this.service.proc;
  }

  /** A check during which the application died is an `error` with the crash, never a `fail` of the behaviour. */
  assertAlive(): void {
    this.service.assertAlive();
  }

  request(endpoint: 'sync' | 'async' | 'failures', body?: unknown, timeoutMs = 20_000): Promise<HttpOutcome> {
    return this.service.request(this.endpoints[endpoint]!, body, timeoutMs);
  }

  /** The async failure counter, or undefined when the endpoint does not answer as the contract says. */
  async failures(): Promise<number | undefined> {
    const r = await this.request('failures', undefined, 5000);
    const n = (r.json as { failed?: unknown } | undefined)?.failed;
    return typeof r.status === 'number' && r.status === 200 && typeof n === 'number' ? n : undefined;
  }

  describeEndpoint(endpoint: string): string {
    const ep = this.endpoints[endpoint]!;
    return `${ep.method} ${ep.path}`;
  }

  async stop(): Promise<void> {
    await this.watcher.stop();
    await this.service.stop();
  }
}

/** Creates the topic as the contract says, starts the student's service and waits until its port answers. */
export async function startNotificationsApp(ctx: RunContext): Promise<NotificationsApp> {
  const topic = ctx.names.topics.notifications!;
  const overrides = ctx.solution.manifest.exercises?.[ctx.exerciseId]?.env ?? {};
  const reservedText = overrides.KGRADE_RESERVED_PARTITIONS ?? NOTIFICATIONS_RULES.defaultReserved;
  const reserved = reservedText.split(',').map((s) => Number(s.trim()));
  await ctx.stack.createTopics([
    {
      topic,
      numPartitions: NOTIFICATIONS_RULES.partitions,
      replicationFactor: NOTIFICATIONS_RULES.replicationFactor,
      configEntries: [{ name: 'min.insync.replicas', value: String(NOTIFICATIONS_RULES.minInsyncReplicas) }],
    },
  ]);
  for (let p = 0; p < NOTIFICATIONS_RULES.partitions; p++)
    await ctx.stack.waitForIsr(topic, p, NOTIFICATIONS_RULES.replicationFactor);
  const watcher = new TopicWatcher(ctx.stack, topic);
  await watcher.start();
  let service: HttpService;
  try {
    service = await startHttpService(ctx, {
      env: { KGRADE_RESERVED_PARTITIONS: reservedText },
      readyTimeoutMs: NOTIFICATIONS_RULES.readyTimeoutMs,
    });
  } catch (e) {
    await watcher.stop();
    throw e;
  }
  const endpoints = Object.fromEntries(Object.entries(ctx.names.endpoints).map(([k, v]) => [k, parseEndpoint(v)]));
  return new NotificationsApp(
    service,
    topic,
    NOTIFICATIONS_RULES.partitions,
    reserved,
    watcher,
    endpoints,
    ctx.rng,
    ctx.runId,
  );
}
