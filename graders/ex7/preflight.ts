import type { Localized } from '../../model/verdict.js';
import { COLUMNS, EX7_RULES, OBJECTS, topicVariable, type ExpectedObject } from './contract.js';
import type { SqlStatement } from './statements.js';

export type HintId =
  | 'missing-object'
  | 'stream-as-table'
  | 'table-as-stream'
  | 'tumbling-as-hopping'
  | 'hopping-as-tumbling'
  | 'wrong-window'
  | 'no-window'
  | 'window-size'
  | 'short-grace'
  | 'group-by'
  | 'no-timestamp'
  | 'timestamp-column'
  | 'topic-not-variable'
  | 'value-format'
  | 'not-ddl'
  | 'other-object';

/** Something the grader read in the statements that the live checks are likely to fail on: shown, never scored. */
export interface PreflightHint {
  id: HintId;
  object: string;
  /** Where the statement declaring the object starts. */
  at?: { file: string; line: number };
  message: Localized;
}

/** The statement declaring each object: `CREATE [OR REPLACE] [SOURCE] STREAM|TABLE [IF NOT EXISTS] <name>`. */
export function declarations(
  statements: SqlStatement[],
): Map<string, { kind: 'STREAM' | 'TABLE'; statement: SqlStatement }> {
  const out = new Map<string, { kind: 'STREAM' | 'TABLE'; statement: SqlStatement }>();
  for (const s of statements) {
    const m =
      /^\s*CREATE\s+(?:OR\s+REPLACE\s+)?(?:SOURCE\s+)?(STREAM|TABLE)\s+(?:IF\s+NOT\s+EXISTS\s+)?([`"]?)([A-Za-z_][\w]*)\2/i.exec(
        s.text,
      );
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

const UNIT_MS: Record<string, number> = {
  MILLISECOND: 1,
  SECOND: 1000,
  MINUTE: 60_000,
  HOUR: 3_600_000,
  DAY: 86_400_000,
};
const DURATION = String.raw`(\d+)\s*(MILLISECONDS?|SECONDS?|MINUTES?|HOURS?|DAYS?)`;
const ms = (n: string, unit: string) => Number(n) * UNIT_MS[unit.toUpperCase().replace(/S$/, '')]!;

/** A window clause as written: its type, and its durations in ms (SIZE, ADVANCE BY, a session's gap, GRACE PERIOD). */
export interface WindowClause {
  type: 'TUMBLING' | 'HOPPING' | 'SESSION';
  sizeMs?: number;
  advanceMs?: number;
  gapMs?: number;
  graceMs?: number;
  /** The clause's text between the parentheses, as written. */
  text: string;
}

export function windowClause(text: string): WindowClause | undefined {
  const m = /\bWINDOW\s+(TUMBLING|HOPPING|SESSION)\s*\(([^)]*)\)/i.exec(withoutComments(text));
  if (!m) return undefined;
  const body = m[2]!;
  const type = m[1]!.toUpperCase() as WindowClause['type'];
  const size = new RegExp(`\\bSIZE\\s+${DURATION}`, 'i').exec(body);
  const advance = new RegExp(`\\bADVANCE\\s+BY\\s+${DURATION}`, 'i').exec(body);
  const grace = new RegExp(`\\bGRACE\\s+PERIOD\\s+${DURATION}`, 'i').exec(body);
  const gap = type === 'SESSION' ? new RegExp(`^\\s*${DURATION}`, 'i').exec(body) : null;
  return {
    type,
    text: body.trim().replace(/\s+/g, ' '),
    ...(size ? { sizeMs: ms(size[1]!, size[2]!) } : {}),
    ...(advance ? { advanceMs: ms(advance[1]!, advance[2]!) } : {}),
    ...(gap ? { gapMs: ms(gap[1]!, gap[2]!) } : {}),
    ...(grace ? { graceMs: ms(grace[1]!, grace[2]!) } : {}),
  };
}

/** 90000 -> "90 SECONDS", 120000 -> "2 MINUTES". */
export function durationText(msValue: number): string {
  for (const [unit, size] of [
    ['DAY', 86_400_000],
    ['HOUR', 3_600_000],
    ['MINUTE', 60_000],
    ['SECOND', 1000],
  ] as const) {
    if (msValue % size === 0) return `${msValue / size} ${unit}${msValue / size === 1 ? '' : 'S'}`;
  }
  return `${msValue} MILLISECONDS`;
}

/** What the contract asks of each windowed object's clause, as ksqlDB writes it. */
const ASKED_WINDOWS: Record<string, { sizeMs?: number; advanceMs?: number; gapMs?: number }> = {
  [OBJECTS.tumbling.name]: { sizeMs: EX7_RULES.tumbling.sizeMs },
  [OBJECTS.hopping.name]: { sizeMs: EX7_RULES.hopping.sizeMs, advanceMs: EX7_RULES.hopping.advanceMs },
  [OBJECTS.sessions.name]: { gapMs: EX7_RULES.session.gapMs },
};
/** The spec: no GRACE PERIOD, or one of at least 10 minutes. */
const MIN_GRACE_MS = 10 * 60_000;

const describeWindow = (w: { sizeMs?: number; advanceMs?: number; gapMs?: number }) =>
  [
    w.gapMs !== undefined ? durationText(w.gapMs) : undefined,
    w.sizeMs !== undefined ? `SIZE ${durationText(w.sizeMs)}` : undefined,
    w.advanceMs !== undefined ? `ADVANCE BY ${durationText(w.advanceMs)}` : undefined,
  ]
    .filter(Boolean)
    .join(', ');

/** VALUE_FORMAT (or FORMAT) in a WITH clause, upper-cased; undefined when absent. */
export function valueFormat(text: string): string | undefined {
  return /\b(?:VALUE_)?FORMAT\s*=\s*'([^']*)'/i
    .exec(withoutComments(text).replace(/\bKEY_FORMAT\s*=\s*'[^']*'/gi, ' '))?.[1]
    ?.toUpperCase();
}

/** A statement that declares nothing: a query, a PRINT, a listing, a TERMINATE. Its first words, or undefined for DDL/DML. */
export function notDdl(text: string): { kind: 'query' | 'print' | 'listing' | 'terminate'; words: string } | undefined {
  const t = withoutComments(text).trim().replace(/\s+/g, ' ').replace(/\s*;$/, '');
  const words = t.length > 60 ? `${t.slice(0, 57)}...` : t;
  if (/^SELECT\b/i.test(t)) return { kind: 'query', words };
  if (/^PRINT\b/i.test(t)) return { kind: 'print', words };
  if (/^(SHOW|LIST|DESCRIBE|EXPLAIN)\b/i.test(t)) return { kind: 'listing', words };
  if (/^TERMINATE\b/i.test(t)) return { kind: 'terminate', words };
  return undefined;
}

const here = (s: SqlStatement) => ({ file: s.file, line: s.line });

/** Hints on statements that declare nothing, and on objects the contract does not name. */
function statementHints(statements: SqlStatement[]): PreflightHint[] {
  const hints: PreflightHint[] = [];
  for (const s of statements) {
    const n = notDdl(s.text);
    if (!n) continue;
    const where = `${s.file}:${s.line}`;
    const why = {
      query: {
        fr: 'une requête (SELECT) ne déclare ni stream ni table : elle sert à regarder des résultats depuis le CLI de ksqlDB ; retirez-la du fichier noté',
        en: 'a query (SELECT) declares no stream or table: it is for looking at results from the ksqlDB CLI; remove it from the graded file',
      },
      print: {
        fr: 'PRINT affiche un topic et ne déclare rien ; retirez-le du fichier noté',
        en: 'PRINT shows a topic and declares nothing; remove it from the graded file',
      },
      listing: {
        fr: 'cette instruction affiche des informations et ne déclare rien',
        en: 'this statement shows information and declares nothing',
      },
      terminate: {
        fr: "TERMINATE arrête une requête par l'id qu'elle avait sur votre serveur : sur celui du correcteur les ids diffèrent (TERMINATE ALL arrête aussi les requêtes que votre fichier vient de lancer)",
        en: "TERMINATE stops a query by the id it had on your server: ids differ on the grader's server (TERMINATE ALL also stops the queries your file just started)",
      },
    }[n.kind];
    hints.push({
      id: 'not-ddl',
      object: n.words,
      at: here(s),
      message: { fr: `${where} : « ${n.words} » : ${why.fr}.`, en: `${where}: "${n.words}": ${why.en}.` },
    });
  }
  const asked = (Object.values(OBJECTS) as ExpectedObject[]).map((o) => o.name);
  const decl = declarations(statements);
  const missing = asked.filter((n) => !decl.has(n));
  for (const [name, d] of decl) {
    if (asked.includes(name)) continue;
    const where = `${d.statement.file}:${d.statement.line}`;
    const not = missing.length
      ? { fr: ` ; non déclarés : ${missing.join(', ')}`, en: `; not declared: ${missing.join(', ')}` }
      : { fr: '', en: '' };
    hints.push({
      id: 'other-object',
      object: name,
      at: here(d.statement),
      message: {
        fr: `${where} déclare ${name}, un nom que le contrat n'utilise pas : le correcteur ne lit que ${asked.join(', ')}${not.fr}.`,
        en: `${where} declares ${name}, a name the contract does not use: the grader reads only ${asked.join(', ')}${not.en}.`,
      },
    });
  }
  return hints;
}

/** Reads the statements against the contract's objects; each hint says what was read and where. */
export function preflightHints(statements: SqlStatement[]): PreflightHint[] {
  const decl = declarations(statements);
  const hints: PreflightHint[] = [];
  for (const want of Object.values(OBJECTS) as ExpectedObject[]) {
    const d = decl.get(want.name);
    if (!d) {
      hints.push({
        id: 'missing-object',
        object: want.name,
        message: {
          fr: `Aucune instruction CREATE ne déclare ${want.name}.`,
          en: `No CREATE statement declares ${want.name}.`,
        },
      });
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
      if (!w)
        hints.push({
          id: 'no-window',
          object: want.name,
          at,
          message: {
            fr: `${want.name} (${where}) n'a pas de clause WINDOW ${want.window}.`,
            en: `${want.name} (${where}) has no WINDOW ${want.window} clause.`,
          },
        });
      else if (w !== want.window) {
        const id: HintId =
          want.window === 'HOPPING' && w === 'TUMBLING'
            ? 'tumbling-as-hopping'
            : want.window === 'TUMBLING' && w === 'HOPPING'
              ? 'hopping-as-tumbling'
              : 'wrong-window';
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
      const clause = windowClause(text);
      const asked = ASKED_WINDOWS[want.name];
      if (clause && clause.type === want.window && asked) {
        const wrong = (['sizeMs', 'advanceMs', 'gapMs'] as const).some(
          (k) => asked[k] !== undefined && clause[k] !== asked[k],
        );
        if (wrong) {
          hints.push({
            id: 'window-size',
            object: want.name,
            at,
            message: {
              fr: `${want.name} (${where}) a WINDOW ${clause.type} (${clause.text}) alors que l'énoncé demande WINDOW ${want.window} (${describeWindow(asked)}).`,
              en: `${want.name} (${where}) has WINDOW ${clause.type} (${clause.text}) where WINDOW ${want.window} (${describeWindow(asked)}) is asked.`,
            },
          });
        }
      }
      if (clause?.graceMs !== undefined && clause.graceMs < MIN_GRACE_MS) {
        hints.push({
          id: 'short-grace',
          object: want.name,
          at,
          message: {
            fr: `${want.name} (${where}) a GRACE PERIOD ${durationText(clause.graceMs)} : les vues arrivent jusqu'à 20 s en retard ; sans GRACE PERIOD, ou avec au moins 10 minutes, aucune n'est écartée.`,
            en: `${want.name} (${where}) has GRACE PERIOD ${durationText(clause.graceMs)}: views arrive up to 20 s late; with no GRACE PERIOD, or one of at least 10 minutes, none is dropped.`,
          },
        });
      }
      const g = groupByColumns(text);
      if (g && (g.length !== 1 || g[0] !== want.key)) {
        hints.push({
          id: 'group-by',
          object: want.name,
          at,
          message: {
            fr: `${want.name} (${where}) est groupé par ${g.join(', ')} alors que l'énoncé demande GROUP BY ${want.key}.`,
            en: `${want.name} (${where}) is grouped by ${g.join(', ')} where GROUP BY ${want.key} is asked.`,
          },
        });
      }
    }
    const format = valueFormat(text);
    const isSource = !/\bAS\s+SELECT\b/i.test(withoutComments(text));
    if ((format && format !== 'JSON') || (!format && isSource)) {
      hints.push({
        id: 'value-format',
        object: want.name,
        at,
        message: format
          ? {
              fr: `${want.name} (${where}) a VALUE_FORMAT='${format}' : les messages du contrat sont en JSON (VALUE_FORMAT='JSON').`,
              en: `${want.name} (${where}) has VALUE_FORMAT='${format}': the contract's records are JSON (VALUE_FORMAT='JSON').`,
            }
          : {
              fr: `${want.name} (${where}) n'a pas de VALUE_FORMAT : les messages du contrat sont en JSON (VALUE_FORMAT='JSON').`,
              en: `${want.name} (${where}) has no VALUE_FORMAT: the contract's records are JSON (VALUE_FORMAT='JSON').`,
            },
      });
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
        hints.push({
          id: 'timestamp-column',
          object: want.name,
          at,
          message: {
            fr: `${want.name} (${where}) prend son temps dans ${ts}, pas dans ${COLUMNS.viewtime}.`,
            en: `${want.name} (${where}) takes its time from ${ts}, not from ${COLUMNS.viewtime}.`,
          },
        });
      }
    }
  }
  return [...hints, ...statementHints(statements)];
}
