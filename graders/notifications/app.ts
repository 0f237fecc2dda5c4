import { SolutionError } from '../../core/errors.js';
import { tail } from '../../core/exec.js';
import { freePort } from '../../core/ports.js';
import type { Rng } from '../../core/rng.js';
import type { Localized } from '../../model/verdict.js';
import type { RunContext } from '../../engine/exercise.js';
import { SolutionProcess } from '../../runner/solution-process.js';
import { settleMsFor, waitUntilServing } from '../../runner/readiness.js';
import { launchSpec } from '../../runner/solution.js';
import { NOTIFICATIONS_RULES, type Notification, type NotificationType } from './contract.js';
import type { SuccessPath } from './success-path.js';
import { TopicWatcher } from './topic-watcher.js';

export interface HttpOutcome {
  /** HTTP status, or what happened instead. */
  status: number | 'timeout' | 'refused';
  ms: number;
  json?: unknown;
  /** The start of the response body (or the connection error). */
  text?: string;
}

/** Characters of a response body quoted in evidence. */
export const BODY_EXCERPT_CHARS = 300;

export const is2xx = (s: HttpOutcome['status']) => typeof s === 'number' && s >= 200 && s < 300;
export const is5xx = (s: HttpOutcome['status']) => typeof s === 'number' && s >= 500 && s < 600;

/** "400 after 12 ms, body: {...}": what the grader saw of one answer, for a summary. */
export function describeHttp(o: HttpOutcome): Localized {
  if (o.status === 'timeout') return { fr: `aucune réponse en ${fmtMs(o.ms)}`, en: `no answer within ${fmtMs(o.ms)}` };
  if (o.status === 'refused') return { fr: `connexion refusée (${o.text ?? 'pas de détail'})`, en: `connection refused (${o.text ?? 'no detail'})` };
  const body = o.text?.trim() ? JSON.stringify(o.text.slice(0, BODY_EXCERPT_CHARS)) : undefined;
  return {
    fr: `${o.status} en ${fmtMs(o.ms)}, ${body ? `corps : ${body}` : 'corps vide'}`,
    en: `${o.status} after ${fmtMs(o.ms)}, ${body ? `body: ${body}` : 'empty body'}`,
  };
}

const fmtMs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`);

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
  /** The last valid notification tried on each endpoint, and how it went (see success-path.ts). */
  readonly successPaths: Partial<Record<'sync' | 'async', SuccessPath>> = {};

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

  /** A check during which the application died is an `error` with the crash, never a `fail` of the behaviour. */
  assertAlive(): void {
    if (!this.proc.running) {
      const exit = this.proc.exitSummary();
      const how = exit.signal ? `signal ${exit.signal}` : `code ${exit.code}`;
      throw new SolutionError('crash', { fr: `l'application s'est arrêtée pendant l'évaluation (${how})`, en: `the application exited during grading (${how})` }, {
        fr: "Votre application s'est arrêtée pendant l'évaluation : lisez la cause première et la fin de sa sortie ci-dessous.",
        en: 'Your application stopped during grading: read the root cause and the end of its output below.',
      }, tail(this.proc.stderrText() + '\n' + this.proc.stdoutText(), 40));
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
      return { status: r.status, ms, json, text: text.slice(0, BODY_EXCERPT_CHARS) };
    } catch (e) {
      const ms = Math.round(performance.now() - t);
      if ((e as Error).name === 'TimeoutError') return { status: 'timeout', ms };
      // A refused connection is often a JVM on its way out: give it time to exit before calling it a refusal.
      await this.proc.waitForExitWithin(3000);
      this.assertAlive();
      const cause = (e as Error & { cause?: { code?: string } }).cause?.code;
      return { status: 'refused', ms, text: cause ? `${(e as Error).message}: ${cause}` : (e as Error).message };
    }
  }

  /** The async failure counter, or undefined when the endpoint does not answer as the contract says. */
  async failures(): Promise<number | undefined> {
    const r = await this.request('failures', undefined, 5000);
    const n = (r.json as { failed?: unknown } | undefined)?.failed;
    return typeof r.status === 'number' && r.status === 200 && typeof n === 'number' ? n : undefined;
  }

  noteSuccessPath(endpoint: 'sync' | 'async', path: SuccessPath): void {
    this.successPaths[endpoint] = path;
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
  const settleMs = settleMsFor(ctx.solution, ctx.exerciseId);
  const outcome = await waitUntilServing(proc, { port, log: ready?.log ? new RegExp(ready.log) : undefined, settleMs }, (ready?.timeoutSeconds ?? 0) * 1000 || NOTIFICATIONS_RULES.readyTimeoutMs);
  if (outcome !== 'ready') {
    const exit = outcome === 'exited' ? proc.exitSummary() : await proc.killAndWait();
    ctx.addLog(proc.log());
    await watcher.stop();
    const message =
      outcome === 'exited'
        ? { fr: `l'application s'est arrêtée au démarrage (code ${exit.code})`, en: `the application stopped during start-up (code ${exit.code})` }
        : { fr: `l'application n'écoutait toujours pas sur le port PORT=${port} après ${NOTIFICATIONS_RULES.readyTimeoutMs / 1000} s`, en: `the application was still not listening on PORT=${port} after ${NOTIFICATIONS_RULES.readyTimeoutMs / 1000} s` };
    const hint =
      outcome === 'exited'
        ? { fr: "Lisez la cause première et la fin de sa sortie ci-dessous (souvent une propriété mal écrite, ou des brokers lus ailleurs que dans KAFKA_BOOTSTRAP_SERVERS).", en: 'Read the root cause and the end of its output below (often a mistyped property, or brokers read from somewhere else than KAFKA_BOOTSTRAP_SERVERS).' }
        : { fr: 'Lisez-vous bien la variable PORT (Spring Boot : server.port=${PORT:8080}) ? Un démarrage lent peut déclarer "ready": {"timeoutSeconds": n} dans kgrade.json.', en: 'Does it read the PORT variable (Spring Boot: server.port=${PORT:8080})? A slow start can declare "ready": {"timeoutSeconds": n} in kgrade.json.' };
    throw new SolutionError(outcome === 'exited' ? 'start' : 'not-ready', message, hint, tail(proc.stderrText() + '\n' + proc.stdoutText(), 40));
  }
  const endpoints = Object.fromEntries(Object.entries(ctx.names.endpoints).map(([k, v]) => [k, parseEndpoint(v)]));
  return new NotificationsApp(proc, `http://127.0.0.1:${port}`, topic, NOTIFICATIONS_RULES.partitions, reserved, watcher, endpoints, ctx.rng, ctx.runId);
}
