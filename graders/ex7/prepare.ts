import fs from 'node:fs';
import path from 'node:path';
import { GraderError, SolutionError } from '../../core/errors.js';
import { waitFor } from '../../core/wait-for.js';
import type { RunContext } from '../../engine/exercise.js';
import { connectedProducer, proxiedKafka } from '../../kit/probe-clients.js';
import { COLUMNS, EX7_CONTRACT, EX7_RULES, OBJECTS, topicVariable } from './contract.js';
import { KsqlClient } from './ksqldb-client.js';
import { countSum, type CountSum } from './oracle/aggregations.js';
import { streamTableJoin, type JoinedRecord } from './oracle/join.js';
import { sessionAggregate } from './oracle/sessions.js';
import type { WindowResult } from './oracle/types.js';
import { windowedAggregate } from './oracle/windows.js';
import { declarations, preflightHints, type PreflightHint } from './preflight.js';
import { byPage, generateScenario, type PageView, type Scenario } from './scenario.js';
import { lineInFile, splitStatements, type SqlStatement } from './statements.js';
import { KSQLDB } from '../../stack/services/ksqldb/ksqldb.js';

/** A statement the server refused: where it is in the student's file and the server's own message. */
export interface RefusedStatement {
  statement: SqlStatement;
  /** Line in the file the server's position points at. */
  line: number;
  message: string;
}

export interface Ex7Prepared {
  ksql: KsqlClient;
  scenario: Scenario;
  expected: {
    tumbling: WindowResult<CountSum>[];
    hopping: WindowResult<CountSum>[];
    sessions: WindowResult<CountSum>[];
    join: JoinedRecord<PageView, string>[];
  };
  statements: SqlStatement[];
  refused: RefusedStatement[];
  hints: PreflightHint[];
  /** When the last view was acknowledged (results are waited for from then). */
  producedAt: number;
}

/** The statement files named in kgrade.json (`exercises.ex7.sql`), in order. */
export function statementFiles(solutionDir: string, sql: string[] | undefined): string[] {
  if (!sql?.length) {
    throw new SolutionError(
      'manifest',
      {
        fr: 'kgrade.json ne nomme pas les fichiers .sql de la solution',
        en: 'kgrade.json names no .sql file of the solution',
      },
      {
        fr: 'Ajoutez à kgrade.json : {"runner": "files", "exercises": {"ex7": {"sql": ["ksql/solution.sql"]}}} (plusieurs fichiers : exécutés dans l\'ordre de la liste).',
        en: 'Add to kgrade.json: {"runner": "files", "exercises": {"ex7": {"sql": ["ksql/solution.sql"]}}} (several files: run in the order of the list).',
      },
    );
  }
  return sql.map((f) => {
    const p = path.resolve(solutionDir, f);
    if (!fs.existsSync(p)) {
      throw new SolutionError(
        'manifest',
        {
          fr: `le fichier ${f} nommé dans kgrade.json n'existe pas`,
          en: `file ${f} named in kgrade.json does not exist`,
        },
        {
          fr: `Vérifiez le chemin ${f} (relatif au dossier de la solution).`,
          en: `Check the path ${f} (relative to the solution folder).`,
        },
      );
    }
    return p;
  });
}

export function readStatements(solutionDir: string, sql: string[] | undefined): SqlStatement[] {
  return statementFiles(solutionDir, sql).flatMap((f) =>
    splitStatements(path.relative(solutionDir, f), fs.readFileSync(f, 'utf8')),
  );
}

export function expectedResults(s: Scenario): Ex7Prepared['expected'] {
  const agg = countSum<PageView>((v) => v.duration);
  return {
    tumbling: windowedAggregate(byPage(s.views), EX7_RULES.tumbling, agg).windows,
    hopping: windowedAggregate(byPage(s.views), EX7_RULES.hopping, agg).windows,
    sessions: sessionAggregate(s.views, EX7_RULES.session, agg).windows,
    join: streamTableJoin(s.views, s.users, 'left'),
  };
}

/** Drops what an earlier run left under the contract's names (dependents first), terminating their queries. */
async function dropLeftovers(ksql: KsqlClient): Promise<void> {
  for (const o of Object.values(OBJECTS).reverse()) {
    const d = await ksql.describe(o.name);
    if (!d) continue;
    for (const q of [...(d.readQueries ?? []), ...(d.writeQueries ?? [])]) await ksql.statement(`TERMINATE ${q.id};`);
    const a = await ksql.statement(
      `DROP ${d.type.toUpperCase() === 'TABLE' ? 'TABLE' : 'STREAM'} IF EXISTS ${o.name};`,
    );
    if (!a.ok)
      throw new GraderError('STACK_NOT_READY', `ksqlDB kept ${o.name} from an earlier run: ${a.message}`, {
        hint: `drop it by hand (DROP ... ${o.name};) or use a fresh ksqlDB server`,
      });
  }
}

/**
 * Live grading: the statements run on the stack's ksqlDB, then the grader produces the users (table) and,
 * once the queries consumed them, the views (stream) with controlled view times and arrival-time record
 * timestamps. A statement the server refuses is recorded (file, line, the server's message) and the others
 * still run, so each check judges what it depends on.
 */
export async function prepareEx7(ctx: RunContext): Promise<Ex7Prepared> {
  const url = ctx.stack.services.ksqldbUrl;
  if (!url) {
    throw new GraderError('SERVICE_UNAVAILABLE', 'this stack has no ksqlDB server', { hint: KSQLDB.howToGrade });
  }
  const statements = readStatements(ctx.solution.dir, ctx.solution.manifest.exercises?.ex7?.sql);
  const hints = preflightHints(statements);
  const variables = Object.fromEntries(
    Object.keys(EX7_CONTRACT.topics).map((k) => [topicVariable(k), ctx.names.topics[k]!]),
  );
  const ksql = new KsqlClient(url, variables, EX7_RULES.statementTimeoutMs);
  await dropLeftovers(ksql);
  await ctx.stack.createTopics(
    [ctx.names.topics.pageviews!, ctx.names.topics.users!].map((topic) => ({
      topic,
      numPartitions: 1,
      replicationFactor: 1,
    })),
  );

  const refused: RefusedStatement[] = [];
  for (const s of statements) {
    const a = await ksql.statement(s.text);
    if (!a.ok) refused.push({ statement: s, line: lineInFile(s, a.message), message: a.message });
  }
  const declared = statements.length - refused.length;
  if (declared === 0) {
    ctx.markDead({
      fr: statements.length
        ? `ksqlDB a refusé toutes les instructions (${refused[0]!.statement.file}:${refused[0]!.line} : ${refused[0]!.message})`
        : 'les fichiers .sql ne contiennent aucune instruction',
      en: statements.length
        ? `ksqlDB refused every statement (${refused[0]!.statement.file}:${refused[0]!.line}: ${refused[0]!.message})`
        : 'the .sql files hold no statement',
    });
  }

  const scenario = generateScenario(ctx.rng, EX7_RULES.scenario);
  const producer = await connectedProducer(proxiedKafka(ctx.stack, { retries: 5, requestTimeout: 15_000 }), {
    idempotent: true,
    maxInFlightRequests: 1,
  });
  let producedAt: number;
  try {
    const usersTopic = ctx.names.topics.users!;
    await producer.send({
      topic: usersTopic,
      acks: -1,
      messages: scenario.users.map((u) => ({
        key: u.key,
        value: u.value === undefined ? null : JSON.stringify({ [COLUMNS.region]: u.value }),
        timestamp: String(u.ts),
      })),
    });
    const joinDeclared =
      declarations(statements).has(OBJECTS.enriched.name) &&
      !refused.some((r) => declarations([r.statement]).has(OBJECTS.enriched.name));
    if (joinDeclared) await usersConsumed(ctx, usersTopic);
    await producer.send({
      topic: ctx.names.topics.pageviews!,
      acks: -1,
      // No timestamp: the record's is its arrival; the view time travels in VIEWTIME.
      messages: scenario.views.map((v) => ({
        key: v.key,
        value: JSON.stringify({
          [COLUMNS.page]: v.value.page,
          [COLUMNS.duration]: v.value.duration,
          [COLUMNS.viewtime]: v.ts,
        }),
      })),
    });
    producedAt = Date.now();
  } finally {
    await producer.disconnect();
  }
  return { ksql, scenario, expected: expectedResults(scenario), statements, refused, hints, producedAt };
}

/**
 * Before any view, when the join was declared: every ksqlDB query reading the users topic committed it to its
 * end (at least one did), so the join sees each user's row.
 */
async function usersConsumed(ctx: RunContext, topic: string): Promise<void> {
  const admin = await ctx.stack.admin();
  const end = Number((await ctx.stack.topicOffsets(topic))[0]?.high ?? 0);
  await waitFor(
    async () => {
      const groups = (await admin.listGroups()).groups
        .map((g) => g.groupId)
        .filter((g) => g.startsWith('_confluent-ksql-'));
      const readers = [];
      for (const groupId of groups) {
        const [t] = await admin.fetchOffsets({ groupId, topics: [topic] });
        const p = t?.partitions.find((x) => x.partition === 0);
        if (p && Number(p.offset) >= 0) readers.push(Number(p.offset));
      }
      return readers.length > 0 && readers.every((o) => o >= end);
    },
    { timeoutMs: 30_000, intervalMs: 500, what: `ksqlDB's queries to read the users topic ${topic}` },
  ).catch(() => undefined); // the join check shows what the queries made of it
}
