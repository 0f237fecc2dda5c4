import fs from 'node:fs';
import path from 'node:path';
import { GraderError, SolutionError } from '../../core/errors.js';
import type { RunContext } from '../../engine/exercise.js';
import type { Localized } from '../../model/verdict.js';
import { ConnectRest } from '../../kit/connect/connect-rest.js';
import { TopicWatcher } from '../../kit/readers/topic-watcher.js';
import {
  parseEndpoint,
  startHttpService,
  type Endpoint,
  type HttpOutcome,
  type HttpService,
} from '../../kit/solution/http-service.js';
import { loadConfig, type LoadedConfig } from './configs.js';
import { CONFIG_FILES, cdcEnv, EX4_RULES, type ConfigKey } from './contract.js';
import { NotificationsTable } from './database.js';

/** One run of ex4: the student's management service, Connect as the grader sees it, and the FileStream files. */
export class Ex4Run {
  /** Connectors the grader created or named during the run, deleted at the end. */
  readonly createdNames = new Set<string>();

  constructor(
    /** The management service; undefined when it could not start (then `serviceProblem` says why). */
    private readonly service: HttpService | undefined,
    readonly connect: ConnectRest,
    readonly watcher: TopicWatcher,
    readonly topic: string,
    /** The database source's side: the grader's table, the topic the contract routes to and Debezium's own. */
    readonly cdc: { table: NotificationsTable; snapshotIds: number[]; routed: TopicWatcher; natural: TopicWatcher },
    readonly names: Record<ConfigKey, string>,
    readonly configs: Record<ConfigKey, LoadedConfig>,
    /** The FileStream folder: host path (grader) and Connect's path (configs). */
    readonly files: { hostDir: string; connectDir: string; source: string; sink: string },
    private readonly endpoints: Record<string, Endpoint>,
    readonly runId: string,
    /** Why the management service is not there: every check that talks to it ends with this error. */
    readonly serviceProblem?: SolutionError,
  ) {
    for (const n of Object.values(names)) this.createdNames.add(n);
  }

  /** The host path of a file Connect names `connectPath` (or of a bare file name in the folder). */
  hostPath(fileName: string): string {
    return path.join(this.files.hostDir, fileName);
  }
  connectPath(fileName: string): string {
    return path.posix.join(this.files.connectDir, fileName);
  }

  /** The body the contract's create endpoint takes: Connect's own `{name, config}`. */
  createBody(
    key: ConfigKey,
    name = this.names[key],
    overrides: Record<string, string> = {},
  ): { name: string; config: Record<string, string> } | undefined {
    const c = this.configs[key].config;
    if (!c) return undefined;
    this.createdNames.add(name);
    const config = { ...c, name, ...overrides };
    if (key !== 'fileSink') this.sources.set(name, config);
    return { name, config };
  }

  describe(endpoint: string, name: string, task?: number): string {
    const ep = this.endpoints[endpoint]!;
    return `${ep.method} ${fill(ep.path, name, task)}`;
  }

  /** The running management service, or the error that stopped it from starting. */
  private served(): HttpService {
    if (!this.service)
      throw (
        this.serviceProblem ??
        new GraderError('INTERNAL', 'ex4 run without a management service nor a reason', {
          hint: 'this is a bug of kgrade: please report it with the JSON result',
        })
      );
    return this.service;
  }

  /** A request to the student's management API. */
  request(endpoint: string, name: string, body?: unknown, task?: number, timeoutMs = 30_000): Promise<HttpOutcome> {
    const ep = this.endpoints[endpoint]!;
    return this.served().request({ method: ep.method, path: fill(ep.path, name, task) }, body, timeoutMs);
  }

  /** One check's observation through the management service (its output attached to the report). */
  observe<T>(ctx: RunContext, phase: string, fn: () => Promise<T>): Promise<T> {
    return this.served().observe(ctx, phase, fn);
  }

  /** A check that judges what an earlier one did through the service: the same error when there is none. */
  assertServed(): void {
    this.served();
  }

  /** Source connectors of this run and a configuration of their class (their offsets are forgotten at the end). */
  readonly sources = new Map<string, Record<string, string>>();

  async stop(): Promise<void> {
    await this.connect.deleteAll([...this.createdNames].filter((n) => !this.sources.has(n))).catch(() => undefined);
    for (const [name, config] of this.sources) await this.connect.forgetOffsets(name, config).catch(() => false);
    await Promise.all([this.watcher.stop(), this.cdc.routed.stop(), this.cdc.natural.stop()]);
    await this.service?.stop();
    await this.cdc.table.drop();
  }
}

function fill(p: string, name: string, task?: number): string {
  return p.replace('{name}', encodeURIComponent(name)).replace('{task}', String(task ?? 0));
}

/** Creates the topic and an empty source file, reads the configurations, starts the management service. */
export async function prepareEx4(ctx: RunContext): Promise<Ex4Run> {
  const { connectUrl, connectFiles, postgres } = ctx.stack.services;
  if (!connectUrl || !connectFiles || !postgres) {
    throw new GraderError(
      'STACK_CONTROL_UNAVAILABLE',
      'ex4 needs a Kafka Connect whose FileStream folder the grader shares',
      {
        hint: 'grade ex4 with --stack native or --stack docker (an external stack shares no folder with its Connect)',
      },
    );
  }
  const topic = ctx.names.topics.file!;
  await ctx.stack.createTopics([{ topic, numPartitions: 1, replicationFactor: 1 }]);
  // Files named with this run id (unique per grading, so normally none): the sink's would already hold lines.
  for (const f of fs.readdirSync(connectFiles.hostDir))
    if (f.includes(ctx.runId)) fs.rmSync(path.join(connectFiles.hostDir, f), { recursive: true, force: true });
  const sourceName = ctx.names.files.source!;
  const sinkName = ctx.names.files.sink!;
  fs.writeFileSync(path.join(connectFiles.hostDir, sourceName), '');
  fs.chmodSync(path.join(connectFiles.hostDir, sourceName), 0o666);
  const table = new NotificationsTable(postgres, ctx.runId);
  const snapshotIds = await table.create(EX4_RULES.snapshotRows);
  const routedTopic = ctx.names.topics.cdc!;
  const naturalTopic = `${ctx.names.topics.cdcPrefix}.${table.names.qualifiedTable}`;
  await ctx.stack.createTopics(
    [routedTopic, naturalTopic].map((t) => ({ topic: t, numPartitions: 1, replicationFactor: 1 })),
  );
  const extraEnv = { KGRADE_CONNECT_URL: connectUrl, ...cdcEnv(ctx.runId) };
  const env = { ...ctx.solutionEnv, ...extraEnv };
  const configs = Object.fromEntries(
    Object.entries(CONFIG_FILES).map(([k, f]) => [k, loadConfig(ctx.solution.dir, f, env)]),
  ) as Record<ConfigKey, LoadedConfig>;
  const watchers = [topic, routedTopic, naturalTopic].map((t) => new TopicWatcher(ctx.stack, t));
  let service: HttpService | undefined;
  let serviceProblem: SolutionError | undefined;
  try {
    // Three topics, three groups: the watchers join at once.
    const started = await Promise.allSettled(watchers.map((w) => w.start()));
    const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    service = await startHttpService(ctx, { env: extraEnv, readyTimeoutMs: EX4_RULES.readyTimeoutMs });
  } catch (e) {
    // The solution's service did not start: the checks that need only its files and Connect still run.
    if (e instanceof SolutionError) serviceProblem = withEx4Hint(e);
    else {
      for (const w of watchers) await w.stop();
      await table.drop();
      throw e;
    }
  }
  const [watcher, routed, natural] = watchers as [TopicWatcher, TopicWatcher, TopicWatcher];
  const endpoints = Object.fromEntries(Object.entries(ctx.names.endpoints).map(([k, v]) => [k, parseEndpoint(v)]));
  const names = {
    fileSource: ctx.names.connectors.fileSource!,
    fileSink: ctx.names.connectors.fileSink!,
    postgres: ctx.names.connectors.postgres!,
  };
  // Connectors an interrupted run left under the same names (fixed in kgrade.json) would answer for this run's.
  await new ConnectRest(connectUrl).deleteAll(Object.values(names));
  return new Ex4Run(
    service,
    new ConnectRest(connectUrl),
    watcher,
    topic,
    { table, snapshotIds, routed, natural },
    names,
    configs,
    { ...connectFiles, source: sourceName, sink: sinkName },
    endpoints,
    ctx.runId,
    serviceProblem,
  );
}

/** What ex4 runs besides the configuration files, said before the generic start-up hint. */
export const SERVICE_NEEDED: Localized = {
  fr: 'ex4 lance, en plus des fichiers connectors/*.json, votre service HTTP de gestion : il écoute sur PORT et transmet chaque requête à Connect (KGRADE_CONNECT_URL), voir « Service de gestion » dans la spécification ; kgrade.json dit comment le lancer ("runner": "node", "maven" ou "command"). Sans lui, seul configs-valid est jugé.',
  en: 'ex4 runs, besides the connectors/*.json files, your management HTTP service: it listens on PORT and forwards each request to Connect (KGRADE_CONNECT_URL), see "Management service" in the spec; kgrade.json says how to start it ("runner": "node", "maven" or "command"). Without it, only configs-valid is judged.',
};

/** The start-up error with what ex4 requires in front of its hint. */
export function withEx4Hint(e: SolutionError): SolutionError {
  return new SolutionError(
    e.kind,
    e.localized,
    { fr: `${SERVICE_NEEDED.fr} ${e.hint.fr}`, en: `${SERVICE_NEEDED.en} ${e.hint.en}` },
    e.output,
  );
}
