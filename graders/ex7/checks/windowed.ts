import { waitFor } from '../../../core/wait-for.js';
import type { CheckDefinition, Judgement } from '../../../engine/exercise.js';
import type { Localized } from '../../../model/verdict.js';
import { EX7_RULES, OBJECTS } from '../contract.js';
import type { KsqlClient } from '../ksqldb-client.js';
import type { CountSum } from '../oracle/aggregations.js';
import { agrees, describeDiff, diffWindows } from '../oracle/compare.js';
import type { WindowResult } from '../oracle/types.js';
import type { PreflightHint } from '../preflight.js';
import type { Ex7Prepared, RefusedStatement } from '../prepare.js';
import { rowsToWindows } from '../results.js';
import { describeRefusal, failed, refusalFor } from './common.js';
import { pass } from '../../../kit/judging/judgement.js';

const same = (a: CountSum, b: CountSum) => a.count === b.count && a.sum === b.sum;
const show = (a: CountSum) => `VIEWS ${a.count}, TOTAL_TIME ${a.sum}`;

export type TableRead = { windows: WindowResult<CountSum>[] } | { missingColumns: string[] } | { refused: string };

export interface WindowedObs {
  table: string;
  expected: WindowResult<CountSum>[];
  read: TableRead;
  refusedStatement?: RefusedStatement;
  hints: PreflightHint[];
}

/**
 * A windowed table's rows through a pull query, read until they equal the oracle's or stop changing
 * (unchanged and not empty for `settledMs`), at most `resultsTimeoutMs` after the last view was produced.
 */
export async function readWindowedTable(
  ksql: KsqlClient,
  table: string,
  key: string,
  expected: WindowResult<CountSum>[],
  producedAt: number,
): Promise<TableRead> {
  let last: TableRead = { refused: 'no answer yet' };
  let lastText = '';
  let since = Date.now();
  const done = await waitFor(
    async () => {
      const q = await ksql.pull(`SELECT * FROM ${table};`);
      const read: TableRead = 'refused' in q ? q : rowsToWindows(q, key);
      const text = JSON.stringify(read);
      if (text !== lastText) since = Date.now();
      last = read;
      lastText = text;
      if ('windows' in read && agrees(diffWindows(expected, read.windows, same))) return read;
      if ('missingColumns' in read) return read;
      // An empty table is not settled: the queries may still be starting (consumer group, state stores).
      if ('windows' in read && read.windows.length === 0) return undefined;
      return Date.now() - since >= EX7_RULES.settledMs ? read : undefined;
    },
    {
      timeoutMs: Math.max(EX7_RULES.settledMs, producedAt + EX7_RULES.resultsTimeoutMs - Date.now()),
      intervalMs: 1000,
      what: `${table} to settle`,
    },
  ).catch(() => last);
  return done;
}

export function judgeWindowed(o: WindowedObs, what: Localized): Judgement {
  const data = { table: o.table, expectedWindows: o.expected.length, read: o.read };
  if (o.refusedStatement) return failed(describeRefusal(o.refusedStatement), data, o.hints, [o.table]);
  if ('refused' in o.read)
    return failed(
      {
        fr: `SELECT * FROM ${o.table} a été refusé : ${o.read.refused}`,
        en: `SELECT * FROM ${o.table} was refused: ${o.read.refused}`,
      },
      data,
      o.hints,
      [o.table, OBJECTS.pageviews.name],
    );
  if ('missingColumns' in o.read) {
    return failed(
      {
        fr: `${o.table} n'a pas les colonnes ${o.read.missingColumns.join(', ')}.`,
        en: `${o.table} lacks columns ${o.read.missingColumns.join(', ')}.`,
      },
      data,
      o.hints,
      [o.table],
    );
  }
  if (o.read.windows.length === 0)
    return failed({ fr: `${o.table} ne contient aucune fenêtre.`, en: `${o.table} holds no window.` }, data, o.hints, [
      o.table,
      OBJECTS.pageviews.name,
    ]);
  const d = diffWindows(o.expected, o.read.windows, same);
  if (!agrees(d)) {
    const lines = describeDiff(d, show);
    return failed(
      {
        fr: `${o.table} diffère du résultat attendu (${o.expected.length} fenêtres) : ${lines.join(' ; ')}.`,
        en: `${o.table} differs from the expected result (${o.expected.length} windows): ${lines.join('; ')}.`,
      },
      { ...data, missing: d.missing.length, unexpected: d.unexpected.length, wrong: d.wrong.length },
      o.hints,
      [o.table, OBJECTS.pageviews.name],
    );
  }
  return pass(
    {
      fr: `${o.table} : ${o.expected.length} fenêtres ${what.fr}, chacune avec le compte et la somme attendus.`,
      en: `${o.table}: ${o.expected.length} ${what.en} windows, each with the expected count and sum.`,
    },
    data,
  );
}

function windowedCheck(
  id: string,
  object: { name: string; key: string },
  pick: (p: Ex7Prepared) => WindowResult<CountSum>[],
  title: Localized,
  hint: Localized,
  what: Localized,
): CheckDefinition<Ex7Prepared, WindowedObs> {
  return {
    id,
    title,
    points: 2,
    hint,
    async observe(_ctx, p) {
      const refusedStatement = refusalFor(p.refused, object.name);
      const read: TableRead = refusedStatement
        ? { refused: 'not declared' }
        : await readWindowedTable(p.ksql, object.name, object.key, pick(p), p.producedAt);
      return {
        table: object.name,
        expected: pick(p),
        read,
        hints: p.hints,
        ...(refusedStatement ? { refusedStatement } : {}),
      };
    },
    judge: (o) => judgeWindowed(o, what),
  };
}

export const tumblingCounts = windowedCheck(
  'tumbling-counts',
  OBJECTS.tumbling,
  (p) => p.expected.tumbling,
  { fr: 'Fenêtres TUMBLING : compte et somme exacts par page', en: 'TUMBLING windows: exact count and sum per page' },
  {
    fr: 'WINDOW TUMBLING (SIZE 1 MINUTE) ... GROUP BY PAGE : des fenêtres fixes, sans chevauchement, alignées sur l’epoch.',
    en: 'WINDOW TUMBLING (SIZE 1 MINUTE) ... GROUP BY PAGE: fixed, non-overlapping windows aligned to the epoch.',
  },
  { fr: 'TUMBLING', en: 'TUMBLING' },
);

export const hoppingCounts = windowedCheck(
  'hopping-counts',
  OBJECTS.hopping,
  (p) => p.expected.hopping,
  {
    fr: 'Fenêtres HOPPING : chaque vue comptée dans SIZE/ADVANCE fenêtres',
    en: 'HOPPING windows: each view counted in SIZE/ADVANCE windows',
  },
  {
    fr: 'WINDOW HOPPING (SIZE 2 MINUTES, ADVANCE BY 1 MINUTE) : les fenêtres se chevauchent, chaque vue compte dans deux fenêtres.',
    en: 'WINDOW HOPPING (SIZE 2 MINUTES, ADVANCE BY 1 MINUTE): windows overlap, each view counts in two windows.',
  },
  { fr: 'HOPPING', en: 'HOPPING' },
);

export const sessionMerge = windowedCheck(
  'session-merge',
  OBJECTS.sessions,
  (p) => p.expected.sessions,
  {
    fr: 'Fenêtres SESSION : les vues proches fusionnent en sessions',
    en: 'SESSION windows: close views merge into sessions',
  },
  {
    fr: 'WINDOW SESSION (60 SECONDS) ... GROUP BY USER_ID : une session se ferme après 60 s sans vue de l’utilisateur.',
    en: 'WINDOW SESSION (60 SECONDS) ... GROUP BY USER_ID: a session closes after 60 s without a view from the user.',
  },
  { fr: 'SESSION', en: 'SESSION' },
);
