import type { Localized } from '../../model/verdict.js';
import { COLUMNS, OBJECTS, topicVariable, type ExpectedObject } from './contract.js';
import type { SqlStatement } from './statements.js';

export type HintId = 'missing-object' | 'stream-as-table' | 'table-as-stream' | 'tumbling-as-hopping' | 'hopping-as-tumbling' | 'wrong-window' | 'no-window' | 'group-by' | 'no-timestamp' | 'timestamp-column' | 'topic-not-variable';

/** Something the grader read in the statements that the live checks are likely to fail on: shown, never scored. */
export interface PreflightHint {
  id: HintId;
  object: string;
  /** Where the statement declaring the object starts. */
  at?: { file: string; line: number };
  message: Localized;
}

/** The statement declaring each object: `CREATE [OR REPLACE] [SOURCE] STREAM|TABLE [IF NOT EXISTS] <name>`. */
export function declarations(statements: SqlStatement[]): Map<string, { kind: 'STREAM' | 'TABLE'; statement: SqlStatement }> {
  const out = new Map<string, { kind: 'STREAM' | 'TABLE'; statement: SqlStatement }>();
  for (const s of statements) {
    const m = /^\s*CREATE\s+(?:OR\s+REPLACE\s+)?(?:SOURCE\s+)?(STREAM|TABLE)\s+(?:IF\s+NOT\s+EXISTS\s+)?([`"]?)([A-Za-z_][\w]*)\2/i.exec(s.text);
    if (m) out.set(m[3]!.toUpperCase(), { kind: m[1]!.toUpperCase() as 'STREAM' | 'TABLE', statement: s });
  }
  return out;
}

const withoutComments = (text: string) => text.replace(/--[^\n]*/g, ' ').replace(/\/\*[\s\S]*?\*\//g, ' ');

/** The GROUP BY columns, upper-cased, without a source alias (`P.PAGE` -> `PAGE`). */
export function groupByColumns(text: string): string[] | undefined {
  const m = /\bGROUP\s+BY\s+([\s\S]+?)(?:\bHAVING\b|\bEMIT\b|;|$)/i.exec(withoutComments(text));
  if (!m) return undefined;
  return m[1]!
    .split(',')
    .map((c) => c.trim().replace(/[`"]/g, '').split('.').pop()!.toUpperCase())
    .filter(Boolean);
}

export function windowOf(text: string): string | undefined {
  return /\bWINDOW\s+(TUMBLING|HOPPING|SESSION)\b/i.exec(withoutComments(text))?.[1]?.toUpperCase();
}

/** TIMESTAMP='COL' in a WITH clause: the column, upper-cased; undefined when absent. */
export function timestampColumn(text: string): string | undefined {
  return /\bTIMESTAMP\s*=\s*'([^']*)'/i.exec(withoutComments(text))?.[1]?.toUpperCase();
}

const here = (s: SqlStatement) => ({ file: s.file, line: s.line });

/** Reads the statements against the contract's objects; each hint says what was read and where. */
export function preflightHints(statements: SqlStatement[]): PreflightHint[] {
  const decl = declarations(statements);
  const hints: PreflightHint[] = [];
  for (const want of Object.values(OBJECTS) as ExpectedObject[]) {
    const d = decl.get(want.name);
    if (!d) {
      hints.push({ id: 'missing-object', object: want.name, message: { fr: `Aucune instruction CREATE ne déclare ${want.name}.`, en: `No CREATE statement declares ${want.name}.` } });
      continue;
    }
    const at = here(d.statement);
    const where = `${at.file}:${at.line}`;
    const text = d.statement.text;
    if (d.kind !== want.kind) {
      hints.push({
        id: want.kind === 'TABLE' ? 'stream-as-table' : 'table-as-stream',
        object: want.name,
        at,
        message: {
          fr: `${want.name} est déclaré comme ${d.kind} (${where}) alors que l'énoncé demande une ${want.kind === 'TABLE' ? 'TABLE (état par clé, mis à jour)' : 'STREAM (flux d’événements)'}.`,
          en: `${want.name} is declared as a ${d.kind} (${where}) where a ${want.kind} is asked${want.kind === 'TABLE' ? ' (state per key, updated)' : ' (a flow of events)'}.`,
        },
      });
    }
    if (!new RegExp(`KAFKA_TOPIC\\s*=\\s*'\\$\\{${topicVariable(want.topic)}\\}'`, 'i').test(text)) {
      hints.push({
        id: 'topic-not-variable',
        object: want.name,
        at,
        message: {
          fr: `${want.name} (${where}) n'utilise pas KAFKA_TOPIC='\${${topicVariable(want.topic)}}' : le correcteur nomme les topics par variables.`,
          en: `${want.name} (${where}) does not use KAFKA_TOPIC='\${${topicVariable(want.topic)}}': the grader names topics through variables.`,
        },
      });
    }
    if (want.window) {
      const w = windowOf(text);
      if (!w) hints.push({ id: 'no-window', object: want.name, at, message: { fr: `${want.name} (${where}) n'a pas de clause WINDOW ${want.window}.`, en: `${want.name} (${where}) has no WINDOW ${want.window} clause.` } });
      else if (w !== want.window) {
        const id: HintId = want.window === 'HOPPING' && w === 'TUMBLING' ? 'tumbling-as-hopping' : want.window === 'TUMBLING' && w === 'HOPPING' ? 'hopping-as-tumbling' : 'wrong-window';
        hints.push({
          id,
          object: want.name,
          at,
          message: {
            fr: `${want.name} (${where}) utilise WINDOW ${w} alors que l'énoncé demande WINDOW ${want.window}${want.window === 'HOPPING' ? ' (fenêtres qui se chevauchent : SIZE et ADVANCE BY)' : ''}.`,
            en: `${want.name} (${where}) uses WINDOW ${w} where WINDOW ${want.window} is asked${want.window === 'HOPPING' ? ' (overlapping windows: SIZE and ADVANCE BY)' : ''}.`,
          },
        });
      }
      const g = groupByColumns(text);
      if (g && (g.length !== 1 || g[0] !== want.key)) {
        hints.push({
          id: 'group-by',
          object: want.name,
          at,
          message: { fr: `${want.name} (${where}) est groupé par ${g.join(', ')} alors que l'énoncé demande GROUP BY ${want.key}.`, en: `${want.name} (${where}) is grouped by ${g.join(', ')} where GROUP BY ${want.key} is asked.` },
        });
      }
    }
    if (want.name === OBJECTS.pageviews.name) {
      const ts = timestampColumn(text);
      if (!ts) {
        hints.push({
          id: 'no-timestamp',
          object: want.name,
          at,
          message: {
            fr: `${want.name} (${where}) n'a pas TIMESTAMP='${COLUMNS.viewtime}' : les fenêtres utiliseront l'horodatage d'écriture des messages (leur arrivée), pas l'heure de la vue.`,
            en: `${want.name} (${where}) has no TIMESTAMP='${COLUMNS.viewtime}': windows will use the records' write time (their arrival), not the view time.`,
          },
        });
      } else if (ts !== COLUMNS.viewtime) {
        hints.push({ id: 'timestamp-column', object: want.name, at, message: { fr: `${want.name} (${where}) prend son temps dans ${ts}, pas dans ${COLUMNS.viewtime}.`, en: `${want.name} (${where}) takes its time from ${ts}, not from ${COLUMNS.viewtime}.` } });
      }
    }
  }
  return hints;
}
