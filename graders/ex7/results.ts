import { COLUMNS } from './contract.js';
import type { CountSum } from './oracle/aggregations.js';
import { byKeyThenStart, type WindowResult } from './oracle/types.js';
import type { QueryRows } from './ksqldb-client.js';

/** A windowed table's rows (pull query) as window results; or the columns it lacks. */
export function rowsToWindows(
  q: QueryRows,
  keyColumn: string,
): { windows: WindowResult<CountSum>[] } | { missingColumns: string[] } {
  const need = [keyColumn, 'WINDOWSTART', 'WINDOWEND', COLUMNS.views, COLUMNS.total];
  const missing = need.filter((c) => !q.columns.includes(c));
  if (missing.length) return { missingColumns: missing };
  const at = (c: string) => q.columns.indexOf(c);
  const windows = q.rows.map((r) => ({
    key: String(r[at(keyColumn)]),
    start: Number(r[at('WINDOWSTART')]),
    end: Number(r[at('WINDOWEND')]),
    value: { count: Number(r[at(COLUMNS.views)]), sum: Number(r[at(COLUMNS.total)]) },
  }));
  return { windows: windows.sort(byKeyThenStart) };
}

/** One record of the enriched stream's topic: key and JSON value, read by the contract's column names. */
export interface EnrichedView {
  user: string;
  page: string;
  viewtime: number;
  timeSpent: number;
  region: string | null;
}

/** Case-insensitive field of a JSON object (ksqlDB writes upper-case names unless quoted). */
function field(o: Record<string, unknown>, name: string): unknown {
  const k = Object.keys(o).find((x) => x.toUpperCase() === name);
  return k === undefined ? undefined : o[k];
}

export function parseEnriched(key: string | null, value: string | null): EnrichedView | undefined {
  if (value === null) return undefined;
  let o: unknown;
  try {
    o = JSON.parse(value);
  } catch {
    return undefined;
  }
  if (!o || typeof o !== 'object') return undefined;
  const v = o as Record<string, unknown>;
  const user = field(v, COLUMNS.user) ?? key;
  const region = field(v, COLUMNS.region);
  return {
    user: String(user),
    page: String(field(v, COLUMNS.page)),
    viewtime: Number(field(v, COLUMNS.viewtime)),
    timeSpent: Number(field(v, COLUMNS.duration)),
    region: region === undefined || region === null ? null : String(region),
  };
}

export const enrichedId = (e: Pick<EnrichedView, 'user' | 'viewtime' | 'page' | 'timeSpent'>) =>
  `${e.user}@${e.viewtime}/${e.page}/${e.timeSpent}`;
