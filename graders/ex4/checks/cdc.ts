import type { CheckDefinition, Judgement } from '../../../engine/exercise.js';
import type { ConnectorState } from '../../../kit/connect/connect-rest.js';
import type { WatchedRecord } from '../../../kit/readers/topic-watcher.js';
import { is2xx, type HttpOutcome } from '../../../kit/solution/http-service.js';
import { waitFor } from '../../../core/wait-for.js';
import { EX4_RULES } from '../contract.js';
import { allRunning, answered, describeState, stateUntil, traceHead } from '../observe.js';
import type { Ex4Run } from '../prepare.js';
import type { Localized } from '../../../model/verdict.js';
import { fail, pass } from '../../../kit/judging/judgement.js';

/**
 * One change event as the grader reads it from a topic: Debezium's envelope (`op`, `before`, `after`), or the
 * flat row Debezium's ExtractNewRecordState ("unwrap") makes of it (the operation as `__op` with
 * `add.fields=op`, a rewritten delete as `__deleted: "true"`); JSON with or without a schema either way.
 */
export interface ChangeEvent {
  topic: string;
  offset: number;
  /** The row id from the record key. */
  keyId?: number;
  /** When the grader's watcher received it, epoch ms. */
  seenAtMs?: number;
  /** Debezium's `op` (r, c, u, d), `tombstone` for a null value, `?` when the record says none. */
  op: string;
  /** `flat` when the row is the value itself (ExtractNewRecordState), `envelope` for Debezium's own form. */
  form?: 'envelope' | 'flat';
  /** The row id from `after` (or `before` for a delete), or from the flat row. */
  rowId?: number;
  content?: string;
  /** The start of the value, for a record that is neither form (shown as evidence). */
  value?: string;
}

const payloadOf = (j: unknown): Record<string, unknown> | undefined => {
  if (!j || typeof j !== 'object') return undefined;
  const o = j as Record<string, unknown>;
  return 'payload' in o && 'schema' in o ? (o.payload as Record<string, unknown> | undefined) : o;
};
const parse = (text: string | null): unknown => {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The operation and row of a record's value, in either form; undefined when it is neither. Pure. */
function readValue(
  v: Record<string, unknown> | undefined,
): { op: string; form: 'envelope' | 'flat'; row?: Record<string, unknown> } | undefined {
  if (!v) return undefined;
  if ('after' in v || 'before' in v)
    return { op: str(v.op) ?? '?', form: 'envelope', row: payloadOf(v.after) ?? payloadOf(v.before) };
  if (!('id' in v)) return undefined;
  const deleted = v.__deleted === 'true' || v.__deleted === true;
  return { op: str(v.__op) ?? str(v.op) ?? (deleted ? 'd' : '?'), form: 'flat', row: v };
}

/** Reads change events from a topic's records (a record it cannot read becomes op "?"). Pure. */
export function changeEvents(topic: string, records: WatchedRecord[]): ChangeEvent[] {
  return records.map((r) => {
    const key = payloadOf(parse(r.key));
    const keyId = typeof key?.id === 'number' ? key.id : undefined;
    if (r.value === null) return { topic, offset: r.offset, keyId, op: 'tombstone', seenAtMs: r.seenAtMs };
    const v = readValue(payloadOf(parse(r.value)));
    const row = v?.row;
    return {
      topic,
      offset: r.offset,
      keyId,
      op: v?.op ?? '?',
      ...(v ? { form: v.form } : { value: r.value.slice(0, 200) }),
      rowId: typeof row?.id === 'number' ? row.id : undefined,
      content: str(row?.content),
      seenAtMs: r.seenAtMs,
    };
  });
}

export interface CdcObs {
  connector: string;
  answer?: HttpOutcome;
  sent: boolean;
  problem?: string;
  state?: ConnectorState;
  snapshotIds: number[];
  /** The changes the grader made, in order, and when each was committed (epoch ms). */
  changes: { op: 'c' | 'u' | 'd'; id: number; atMs?: number }[];
  events: ChangeEvent[];
  topics: { routed: string; natural: string };
}

/** What is expected, in order, on the topic; and what of it was found. */
export function expectedEvents(o: CdcObs): { want: string; found: boolean }[] {
  const has = (p: (e: ChangeEvent) => boolean) => o.events.some(p);
  const out = o.snapshotIds.map((id) => ({
    want: `op=r id=${id}`,
    found: has((e) => e.op === 'r' && e.rowId === id && e.keyId === id),
  }));
  for (const c of o.changes) {
    out.push({
      want: `op=${c.op} id=${c.id}`,
      found: has((e) => e.op === c.op && e.rowId === c.id && e.keyId === c.id),
    });
    if (c.op === 'd')
      out.push({ want: `tombstone key id=${c.id}`, found: has((e) => e.op === 'tombstone' && e.keyId === c.id) });
  }
  return out;
}

/** ms from each change's commit to its event reaching the grader (c, u, d in order; those found). Pure. */
export function captureLatencies(o: CdcObs): number[] {
  return o.changes.flatMap((c) => {
    const e = o.events.find((x) => x.op === c.op && x.rowId === c.id);
    return c.atMs !== undefined && e?.seenAtMs !== undefined ? [Math.max(0, e.seenAtMs - c.atMs)] : [];
  });
}

/** For flattened events (ExtractNewRecordState): the transform's option that drops what is missing. Pure. */
export function unwrapDeleteHint(missing: string[]): Localized | undefined {
  const del = missing.some((m) => m.startsWith('op=d'));
  const tomb = missing.some((m) => m.startsWith('tombstone'));
  if (del) {
    return {
      en: 'ExtractNewRecordState drops delete events unless told otherwise: "transforms.unwrap.delete.tombstone.handling.mode": "rewrite-with-tombstone" (or "delete.handling.mode": "rewrite" with "drop.tombstones": "false") keeps the delete as __deleted: "true", then its tombstone.',
      fr: 'ExtractNewRecordState supprime les événements de suppression par défaut : "transforms.unwrap.delete.tombstone.handling.mode": "rewrite-with-tombstone" (ou "delete.handling.mode": "rewrite" avec "drop.tombstones": "false") garde la suppression en __deleted: "true", puis son tombstone.',
    };
  }
  if (tomb) {
    return {
      en: 'ExtractNewRecordState drops tombstones by default: "transforms.unwrap.drop.tombstones": "false" (or "delete.tombstone.handling.mode": "rewrite-with-tombstone") keeps the tombstone after the delete.',
      fr: 'ExtractNewRecordState supprime les tombstones par défaut : "transforms.unwrap.drop.tombstones": "false" (ou "delete.tombstone.handling.mode": "rewrite-with-tombstone") garde le tombstone après la suppression.',
    };
  }
  return undefined;
}

export function judgeCdc(o: CdcObs): Judgement {
  const data = { ...o, expected: expectedEvents(o) };
  if (!o.sent)
    return fail(
      {
        fr: `Le connecteur de base de données n'a pas été créé : ${o.problem}.`,
        en: `The database connector was not created: ${o.problem}.`,
      },
      data,
    );
  if (!allRunning(o.state)) {
    const trace = o.state?.tasks.find((t) => t.trace)?.trace;
    const decoder = trace?.includes('decoderbufs')
      ? ' The trace names decoderbufs, the default plugin.name, which this PostgreSQL does not have: set "plugin.name": "pgoutput".'
      : '';
    return fail(
      {
        fr: `${o.connector} : POST /connectors a reçu ${answered(o.answer).fr} ; Connect le montre ${describeState(o.state)}${trace ? ` (trace : ${traceHead(trace)})` : ''}.${decoder ? ' La trace cite decoderbufs, le plugin.name par défaut, absent de ce PostgreSQL : mettez "plugin.name": "pgoutput".' : ''}`,
        en: `${o.connector}: POST /connectors answered ${answered(o.answer).en}; Connect reports it ${describeState(o.state)}${trace ? ` (trace: ${traceHead(trace)})` : ''}.${decoder}`,
      },
      data,
    );
  }
  const exp = data.expected;
  const missing = exp.filter((e) => !e.found);
  const flat = o.events.filter((e) => e.form === 'flat');
  if (flat.length && flat.every((e) => e.op === '?')) {
    return fail(
      {
        fr: `${o.connector} est RUNNING et ${flat.length} ligne(s) de la table sont arrivées aplaties par ExtractNewRecordState (la ligne sans l'enveloppe de Debezium), sans l'opération : impossible de distinguer snapshot, insertion, mise à jour et suppression. Ajoutez "transforms.unwrap.add.fields": "op" (elle arrive en __op).`,
        en: `${o.connector} is RUNNING and ${flat.length} row(s) of the table arrived flattened by ExtractNewRecordState (the row without Debezium's envelope), with no operation in them: the snapshot, the insert, the update and the delete cannot be told apart. Add "transforms.unwrap.add.fields": "op" (it arrives as __op).`,
      },
      data,
    );
  }
  if (missing.length === exp.length) {
    const first = o.events.find((e) => e.value !== undefined);
    const sample = first?.value !== undefined ? `; the first one holds ${JSON.stringify(first.value)}` : '';
    return fail(
      {
        fr: `${o.connector} est RUNNING mais aucun événement de la table n'est arrivé dans ${o.topics.routed} ni ${o.topics.natural} (${o.events.length} record(s) lus${sample ? ` ; le premier contient ${JSON.stringify(first!.value)}` : ''}).`,
        en: `${o.connector} is RUNNING but no change event of the table reached ${o.topics.routed} nor ${o.topics.natural} (${o.events.length} record(s) read there${sample}).`,
      },
      data,
    );
  }
  const lat = captureLatencies(o);
  Object.assign(data, { captureLatencyMs: lat });
  if (missing.length) {
    const why = flat.length ? unwrapDeleteHint(missing.map((m) => m.want)) : undefined;
    return fail(
      {
        fr: `Événements manquants (snapshot, puis insertion, mise à jour et suppression du correcteur) : ${missing.map((m) => m.want).join(', ')}.${why ? ` ${why.fr}` : ''}`,
        en: `Change events missing (snapshot, then the grader's insert, update and delete): ${missing.map((m) => m.want).join(', ')}.${why ? ` ${why.en}` : ''}`,
      },
      data,
    );
  }
  return pass(
    {
      fr: `Le snapshot (op=r) puis l'insertion, la mise à jour et la suppression (avec son tombstone) arrivent avec leurs clés${flat.length ? ', aplatis par ExtractNewRecordState (opération en __op)' : ''} : ${exp.map((e) => e.want).join(', ')}${lat.length ? ` ; du commit au topic ${lat.join(', ')} ms` : ''}.`,
      en: `The snapshot (op=r) then the insert, update and delete (with its tombstone) arrive with their keys${flat.length ? ', flattened by ExtractNewRecordState (operation as __op)' : ''}: ${exp.map((e) => e.want).join(', ')}${lat.length ? `; commit to topic ${lat.join(', ')} ms` : ''}.`,
    },
    data,
  );
}

const eventsOf = (run: Ex4Run): ChangeEvent[] => [
  ...changeEvents(run.cdc.routed.topic, run.cdc.routed.records()),
  ...changeEvents(run.cdc.natural.topic, run.cdc.natural.records()),
];

export const cdcCapture: CheckDefinition<Ex4Run, CdcObs> = {
  id: 'cdc-capture',
  title: {
    fr: 'Debezium capture le snapshot puis les insertions, mises à jour et suppressions',
    en: 'Debezium captures the snapshot, then inserts, updates and deletes',
  },
  points: 3,
  hint: {
    fr: 'connectors/postgres-source.json : io.debezium.connector.postgresql.PostgresConnector, "plugin.name": "pgoutput", database.* avec les CONNECT_POSTGRES_*, "topic.prefix": "${KGRADE_TOPIC_CDC_PREFIX}", "table.include.list": "${KGRADE_PG_TABLE}", "slot.name": "${KGRADE_PG_SLOT}".',
    en: 'connectors/postgres-source.json: io.debezium.connector.postgresql.PostgresConnector, "plugin.name": "pgoutput", database.* from the CONNECT_POSTGRES_* variables, "topic.prefix": "${KGRADE_TOPIC_CDC_PREFIX}", "table.include.list": "${KGRADE_PG_TABLE}", "slot.name": "${KGRADE_PG_SLOT}".',
  },
  observe: (ctx, run) =>
    run.observe(ctx, 'cdc-capture', async () => {
      const connector = run.names.postgres;
      const topics = { routed: run.cdc.routed.topic, natural: run.cdc.natural.topic };
      const base = {
        connector,
        snapshotIds: run.cdc.snapshotIds,
        changes: [] as CdcObs['changes'],
        events: [] as ChangeEvent[],
        topics,
      };
      const body = run.createBody('postgres');
      if (!body) return { ...base, sent: false, problem: run.configs.postgres.problem };
      const answer = await run.request('create', connector, body);
      const state = await stateUntil(
        run,
        connector,
        (s) => allRunning(s) || !!s?.tasks.some((t) => t.state === 'FAILED'),
        is2xx(answer.status) ? EX4_RULES.runningTimeoutMs : 2000,
      );
      if (!allRunning(state)) return { ...base, sent: true, answer, state };
      // Seen by row id whatever the record says of the operation: the judge reads the op, the changes are made either way.
      const snapshotSeen = () =>
        run.cdc.snapshotIds.every((id) => eventsOf(run).some((e) => e.op !== 'tombstone' && e.rowId === id));
      await waitFor(snapshotSeen, { timeoutMs: EX4_RULES.cdcTimeoutMs, intervalMs: 100 }).catch(() => undefined);
      if (!snapshotSeen())
        return {
          ...base,
          sent: true,
          answer,
          state: await run.connect.status(connector).catch(() => state),
          events: eventsOf(run),
        };
      const [first, second] = run.cdc.snapshotIds as [number, number];
      const inserted = await run.cdc.table.insert(`inserted ${run.runId}`);
      const insertedAt = Date.now();
      await run.cdc.table.update(first, `updated ${run.runId}`);
      const updatedAt = Date.now();
      await run.cdc.table.delete(second);
      const changes: CdcObs['changes'] = [
        { op: 'c', id: inserted, atMs: insertedAt },
        { op: 'u', id: first, atMs: updatedAt },
        { op: 'd', id: second, atMs: Date.now() },
      ];
      const obs = { ...base, sent: true, answer, state, changes };
      await waitFor(() => expectedEvents({ ...obs, events: eventsOf(run) }).every((e) => e.found), {
        timeoutMs: EX4_RULES.cdcTimeoutMs,
        intervalMs: 100,
      }).catch(() => undefined);
      return { ...obs, events: eventsOf(run) };
    }),
  judge: judgeCdc,
};

export interface RouteObs {
  captured: number;
  routed: { topic: string; count: number };
  natural: { topic: string; count: number };
}

export function judgeRoute(o: RouteObs): Judgement {
  const data = { ...o };
  if (o.captured === 0)
    return fail(
      {
        fr: `Précondition non remplie : aucun événement de la table capturé, ni dans ${o.routed.topic} ni dans ${o.natural.topic}.`,
        en: `Precondition not met: no change event of the table was captured, neither on ${o.routed.topic} nor on ${o.natural.topic}.`,
      },
      data,
    );
  if (o.natural.count > 0 || o.routed.count === 0) {
    return fail(
      {
        fr: `Les événements sont dans ${o.natural.topic} (${o.natural.count}, le topic par défaut de Debezium) et ${o.routed.count} dans ${o.routed.topic}, le topic que le contrat demande.`,
        en: `The change events are on ${o.natural.topic} (${o.natural.count}, Debezium's default topic) and ${o.routed.count} on ${o.routed.topic}, the topic the contract asks for.`,
      },
      data,
    );
  }
  return pass(
    {
      fr: `Les ${o.routed.count} événements sont routés vers ${o.routed.topic}, aucun dans le topic par défaut.`,
      en: `All ${o.routed.count} change events are routed to ${o.routed.topic}, none on the default topic.`,
    },
    data,
  );
}

export const cdcRoute: CheckDefinition<Ex4Run, RouteObs> = {
  id: 'cdc-route-smt',
  title: {
    fr: 'Une transformation (SMT) route les événements vers le topic du contrat',
    en: "A transform (SMT) routes the change events to the contract's topic",
  },
  points: 1,
  hint: {
    fr: 'Ajoutez une SMT : "transforms": "route", "transforms.route.type": "org.apache.kafka.connect.transforms.RegexRouter", "transforms.route.regex": ".*", "transforms.route.replacement": "${KGRADE_TOPIC_CDC}".',
    en: 'Add an SMT: "transforms": "route", "transforms.route.type": "org.apache.kafka.connect.transforms.RegexRouter", "transforms.route.regex": ".*", "transforms.route.replacement": "${KGRADE_TOPIC_CDC}".',
  },
  async observe(_ctx, run) {
    // It judges what cdc-capture created through the service: without a service, the same error.
    run.assertServed();
    const routed = changeEvents(run.cdc.routed.topic, run.cdc.routed.records()).length;
    const natural = changeEvents(run.cdc.natural.topic, run.cdc.natural.records()).length;
    return {
      captured: routed + natural,
      routed: { topic: run.cdc.routed.topic, count: routed },
      natural: { topic: run.cdc.natural.topic, count: natural },
    };
  },
  judge: judgeRoute,
};
