import { SolutionError } from '../../core/errors.js';
import { tail } from '../../core/exec.js';
import { freePort } from '../../core/ports.js';
import type { Rng } from '../../core/rng.js';
import type { RunContext } from '../../engine/exercise.js';
import { SolutionProcess } from '../../runner/solution-process.js';
import { launchSpec } from '../../runner/solution.js';
import { NOTIFICATIONS_RULES, type Notification, type NotificationType } from './contract.js';
import { TopicWatcher } from './topic-watcher.js';

export interface HttpOutcome {
  /** HTTP status, or what happened instead. */
  status: number | 'timeout' | 'refused';
  ms: number;
  json?: unknown;
  text?: string;
}

export const is2xx = (s: HttpOutcome['status']) => typeof s === 'number' && s >= 200 && s < 300;

interface Endpoint {
  method: string;
  path: string;
}

function parseEndpoint(spec: string): Endpoint {
  const [method, path] = spec.split(' ');
  return { method: method!, path: path! };
}

/** The student's notification service, started for a run, with the grader's view of its topic. */
export class NotificationsApp {
  private counter = 0;

  constructor(
    readonly proc: SolutionProcess,
    readonly baseUrl: string,
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
    return { type, userId: userId ?? `u-${this.rng.id(8)}`, content: `kgrade ${this.runId} #${this.counter} ${this.rng.id(6)}` };
  }

  private assertAlive(): void {
    if (!this.proc.running) {
      const exit = this.proc.exitSummary();
      throw new SolutionError('crash', `the application exited during grading (code ${exit.code}, signal ${exit.signal})`, {
        fr: "Votre application s'est arrêtée pendant l'évaluation : lisez la fin de sa sortie d'erreur ci-dessous.",
        en: 'Your application stopped during grading: read the end of its error output below.',
      }, tail(this.proc.stderrText() + '\n' + this.proc.stdoutText(), 25));
    }
  }

  async request(endpoint: 'sync' | 'async' | 'failures', body?: unknown, timeoutMs = 20_000): Promise<HttpOutcome> {
    this.assertAlive();
    const ep = this.endpoints[endpoint]!;
    const t = performance.now();
    try {
      const r = await fetch(`${this.baseUrl}${ep.path}`, {
        method: ep.method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await r.text();
      const ms = Math.round(performance.now() - t);
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        /* not JSON */
      }
      return { status: r.status, ms, json, text: text.slice(0, 500) };
    } catch (e) {
      const ms = Math.round(performance.now() - t);
      if ((e as Error).name === 'TimeoutError') return { status: 'timeout', ms };
      await new Promise((r) => setTimeout(r, 200));
      this.assertAlive();
      return { status: 'refused', ms, text: (e as Error).message };
    }
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
    await this.proc.stop(5000);
  }
}

/** Creates the topic as the contract says, starts the student's service and waits until its port answers. */
export async function startNotificationsApp(ctx: RunContext): Promise<NotificationsApp> {
  const topic = ctx.names.topics.notifications!;
  const overrides = ctx.solution.manifest.exercises?.[ctx.exerciseId]?.env ?? {};
  const reservedText = overrides.KGRADE_RESERVED_PARTITIONS ?? NOTIFICATIONS_RULES.defaultReserved;
  const reserved = reservedText.split(',').map((s) => Number(s.trim()));
  await ctx.stack.createTopics([{ topic, numPartitions: NOTIFICATIONS_RULES.partitions, replicationFactor: NOTIFICATIONS_RULES.replicationFactor, configEntries: [{ name: 'min.insync.replicas', value: String(NOTIFICATIONS_RULES.minInsyncReplicas) }] }]);
  for (let p = 0; p < NOTIFICATIONS_RULES.partitions; p++) await ctx.stack.waitForIsr(topic, p, NOTIFICATIONS_RULES.replicationFactor);
  const watcher = new TopicWatcher(ctx.stack, topic);
  await watcher.start();
  const port = await freePort();
  const env = { ...ctx.solutionEnv, PORT: String(port), SERVER_PORT: String(port), KGRADE_RESERVED_PARTITIONS: reservedText };
  const proc = new SolutionProcess('app', launchSpec(ctx.solution, ctx.exerciseId, env));
  const ready = ctx.solution.manifest.ready;
  const outcome = await proc.waitForReady({ port, log: ready?.log ? new RegExp(ready.log) : undefined }, (ready?.timeoutSeconds ?? 0) * 1000 || NOTIFICATIONS_RULES.readyTimeoutMs);
  if (outcome !== 'ready') {
    const exit = outcome === 'exited' ? proc.exitSummary() : await proc.killAndWait();
    ctx.addLog(proc.log());
    await watcher.stop();
    const fr = outcome === 'exited' ? `L'application s'est arrêtée au démarrage (code ${exit.code}) : lisez sa sortie ci-dessous.` : `L'application n'écoutait toujours pas sur le port PORT=${port} après ${NOTIFICATIONS_RULES.readyTimeoutMs / 1000} s : lisez-vous bien la variable PORT (Spring Boot : server.port=\${PORT:8080}) ?`;
    const en = outcome === 'exited' ? `The application stopped during start-up (code ${exit.code}): read its output below.` : `The application was still not listening on PORT=${port} after ${NOTIFICATIONS_RULES.readyTimeoutMs / 1000} s: does it read the PORT variable (Spring Boot: server.port=\${PORT:8080})?`;
    throw new SolutionError(outcome === 'exited' ? 'start' : 'not-ready', en, { fr, en }, tail(proc.stderrText() + '\n' + proc.stdoutText(), 25));
  }
  const endpoints = Object.fromEntries(Object.entries(ctx.names.endpoints).map(([k, v]) => [k, parseEndpoint(v)]));
  return new NotificationsApp(proc, `http://127.0.0.1:${port}`, topic, NOTIFICATIONS_RULES.partitions, reserved, watcher, endpoints, ctx.rng, ctx.runId);
}
