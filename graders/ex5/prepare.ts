import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { GraderError } from '../../core/errors.js';
import type { RunContext } from '../../engine/exercise.js';
import { endOffsets } from '../../kit/readers/raw-records.js';
import { deleteSubject, setSubjectCompatibility } from '../../kit/registry/registry-http.js';
import { runRole, type RoleRun } from '../../kit/solution/role.js';
import { EX5_ENV, EX5_RULES, subjectOf, type Ex5Role } from './contract.js';
import { GRADER_SCHEMAS } from './schemas.js';

/** One role's run and the end offsets of the topic around it (its records lie between). */
export interface RoleWindow {
  run: RoleRun<Ex5Role>;
  prefix: string;
  from: Record<number, number>;
  to: Record<number, number>;
}

export interface Ex5Prepared {
  topic: string;
  subject: string;
  registryUrl: string;
  /** The grader's registry client (encode, decode with a writer's or a reader's schema). */
  registry: SchemaRegistry;
  unrelatedIds: number[];
  v1: RoleWindow;
  /** Runs shared by several checks, started by the first that needs them. */
  runs: Partial<Record<'required' | 'v2', Promise<RoleWindow>>>;
}

/** Environment of every role: the registry (both names), the subject, and the role's own values. */
function roleEnv(p: { registryUrl: string; subject: string }, extra: Record<string, string>): Record<string, string> {
  return {
    [EX5_ENV.registryUrl]: p.registryUrl,
    SCHEMA_REGISTRY_URL: p.registryUrl,
    [EX5_ENV.subject]: p.subject,
    ...extra,
  };
}

/** Runs a produce role between two end-offset snapshots of the topic. */
export async function runProduceRole(
  ctx: RunContext,
  p: { topic: string; registryUrl: string; subject: string },
  role: Ex5Role,
  prefix: string,
): Promise<RoleWindow> {
  const from = await endOffsets(ctx.stack, p.topic);
  const run = await runRole(ctx, role, {
    env: roleEnv(p, { [EX5_ENV.count]: String(EX5_RULES.produceCount), [EX5_ENV.prefix]: prefix }),
    timeoutMs: EX5_RULES.roleTimeoutMs,
    phase: role,
  });
  return { run, prefix, from, to: await endOffsets(ctx.stack, p.topic) };
}

export async function runConsumeRole(
  ctx: RunContext,
  p: { registryUrl: string; subject: string },
  count: number,
): Promise<RoleRun<Ex5Role>> {
  return runRole(ctx, 'consume', {
    env: roleEnv(p, { [EX5_ENV.count]: String(count) }),
    timeoutMs: EX5_RULES.roleTimeoutMs,
    phase: 'consume',
  });
}

/** The shared run of a role, started once. */
export function sharedRun(ctx: RunContext, p: Ex5Prepared, key: 'required' | 'v2'): Promise<RoleWindow> {
  const role: Ex5Role = key === 'required' ? 'produce-v2-required' : 'produce-v2';
  p.runs[key] ??= runProduceRole(ctx, p, role, `${ctx.runId}-${key}`);
  return p.runs[key]!;
}

/**
 * The grader's subjects get their own compatibility level as soon as they exist: on Apicurio a subject
 * without one reports NONE, and the registry client then refuses to register under it.
 */
export async function registerGraderSchema(
  registry: SchemaRegistry,
  url: string,
  subject: string,
  schema: string,
): Promise<number> {
  try {
    const { id } = await registry.register({ type: SchemaType.AVRO, schema }, { subject });
    await setSubjectCompatibility(url, subject, EX5_RULES.compatibility);
    return id;
  } catch (e) {
    throw new GraderError(
      'STACK_NOT_READY',
      `the grader could not register its schema under ${subject}: ${(e as Error).message}`,
      { hint: 'check the registry with `kgrade stack check --with registry`', cause: e },
    );
  }
}

/**
 * Registers unrelated schemas (ids never start at 1 for the solution), creates the topic, then runs
 * produce-v1 once: every check builds on what it wrote and registered.
 */
export async function prepareEx5(ctx: RunContext): Promise<Ex5Prepared> {
  const registryUrl = ctx.stack.services.registryUrl;
  if (!registryUrl)
    throw new GraderError('STACK_NOT_READY', 'this stack runs no schema registry', {
      hint: 'ex5 needs the registry: grade it on a native or docker stack (they start one), or set KGRADE_SCHEMA_REGISTRY_URL for an external stack',
    });
  const topic = ctx.names.topics.main!;
  const subject = subjectOf(topic);
  const registry = new SchemaRegistry({ host: registryUrl, retry: { retries: 2 } });
  await deleteSubject(registryUrl, subject); // a name given in kgrade.json is used exactly: an earlier run's versions would count
  const unrelatedIds: number[] = [];
  for (let k = 0; k < EX5_RULES.unrelatedSchemas; k++) {
    unrelatedIds.push(
      await registerGraderSchema(
        registry,
        registryUrl,
        `kgrade-unrelated-${ctx.runId}-${k}`,
        GRADER_SCHEMAS.unrelated(ctx.runId, k),
      ),
    );
  }
  await ctx.stack.createTopics([{ topic, numPartitions: EX5_RULES.partitions, replicationFactor: 1 }]);
  const p = { topic, subject, registryUrl };
  const v1 = await runProduceRole(ctx, p, 'produce-v1', `${ctx.runId}-v1`);
  return { ...p, registry, unrelatedIds, v1, runs: {} };
}
