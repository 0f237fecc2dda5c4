import { GraderError } from '../../core/errors.js';
import { h2Post } from './h2-post.js';

/** An answer of `/ksql` to one statement: its entities, or the server's refusal (4xx with a statement error). */
export type KsqlAnswer = { ok: true; entities: KsqlEntity[] } | { ok: false; status: number; message: string };

export interface KsqlEntity {
  '@type'?: string;
  sourceDescription?: SourceDescription;
  streams?: { name: string; topic: string; type: string }[];
  tables?: { name: string; topic: string; type: string }[];
  [k: string]: unknown;
}

/** DESCRIBE's view of a stream or table (the fields the checks read). */
export interface SourceDescription {
  name: string;
  type: string;
  topic: string;
  timestamp: string;
  windowType: string | null;
  fields: { name: string; type?: string }[];
  readQueries?: { id: string }[];
  writeQueries?: { id: string }[];
}

/** A pull query's answer: column names and rows (arrays in column order). */
export interface QueryRows {
  columns: string[];
  rows: unknown[][];
}

/**
 * ksqlDB's REST API, as the statements' and checks' only way to the server. The server's refusal of a statement
 * is an answer (the student's); a server that does not answer is ours (GraderError, not gradable).
 */
export class KsqlClient {
  constructor(
    private readonly url: string,
    private readonly variables: Record<string, string>,
    private readonly timeoutMs = 60_000,
  ) {}

  /** One statement through `/ksql`, with the run's variables and earliest offsets for the queries it starts. */
  async statement(ksql: string): Promise<KsqlAnswer> {
    const res = await this.post(
      '/ksql',
      { ksql, streamsProperties: { 'ksql.streams.auto.offset.reset': 'earliest' }, sessionVariables: this.variables },
      'application/vnd.ksql.v1+json',
    );
    const body = await res.text();
    if (res.ok) return { ok: true, entities: parseJson(body, '/ksql') as KsqlEntity[] };
    if (res.status >= 400 && res.status < 500) {
      const err = tryJson(body) as { message?: string } | undefined;
      return { ok: false, status: res.status, message: err?.message ?? body.slice(0, 500) };
    }
    throw new GraderError('SERVICE_DIED', `ksqlDB answered ${res.status} to a statement: ${body.slice(0, 300)}`, {
      hint: 'see the ksqlDB server log',
    });
  }

  /** DESCRIBE <name>: its description, or undefined when the server knows no such source. */
  async describe(name: string): Promise<SourceDescription | undefined> {
    const a = await this.statement(`DESCRIBE ${name};`);
    if (!a.ok) return undefined;
    return a.entities.find((e) => e.sourceDescription)?.sourceDescription;
  }

  /** A pull query through `/query-stream` (HTTP/2; newline-delimited JSON: a header, then one row per line). */
  async pull(sql: string): Promise<QueryRows | { refused: string }> {
    let res: { status: number; text: string };
    try {
      res = await h2Post(
        this.url,
        '/query-stream',
        JSON.stringify({ sql, properties: { 'ksql.query.pull.table.scan.enabled': true } }),
        { 'content-type': 'application/json', accept: 'application/vnd.ksqlapi.delimited.v1' },
        this.timeoutMs,
      );
    } catch (e) {
      throw new GraderError(
        'SERVICE_DIED',
        `ksqlDB at ${this.url} did not answer /query-stream: ${(e as Error).message}`,
        { hint: 'check that the ksqlDB server runs and is reachable', cause: e },
      );
    }
    if (res.status >= 400 && res.status < 500)
      return { refused: (tryJson(res.text) as { message?: string } | undefined)?.message ?? res.text.slice(0, 300) };
    if (res.status !== 200)
      throw new GraderError('SERVICE_DIED', `ksqlDB answered ${res.status} to a query: ${res.text.slice(0, 300)}`, {
        hint: 'see the ksqlDB server log',
      });
    return parseQueryStream(res.text);
  }

  private async post(path: string, body: unknown, accept: string): Promise<Response> {
    try {
      return await fetch(new URL(path, this.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      throw new GraderError('SERVICE_DIED', `ksqlDB at ${this.url} did not answer ${path}: ${(e as Error).message}`, {
        hint: 'check that the ksqlDB server runs and is reachable',
        cause: e,
      });
    }
  }
}

/** `/query-stream`'s delimited answer: `{"queryId", "columnNames", ...}` then `[v1, v2, ...]` lines; an error object may end it. */
export function parseQueryStream(body: string): QueryRows | { refused: string } {
  const lines = body.split('\n').filter((l) => l.trim());
  const header = tryJson(lines[0] ?? '') as { columnNames?: string[]; message?: string } | undefined;
  if (!header?.columnNames) return { refused: header?.message ?? body.slice(0, 300) };
  const rows: unknown[][] = [];
  for (const l of lines.slice(1)) {
    const v = tryJson(l);
    if (Array.isArray(v)) rows.push(v);
    else if (v && typeof v === 'object' && 'message' in v)
      return { refused: String((v as { message: unknown }).message) };
  }
  return { columns: header.columnNames.map((c) => c.toUpperCase()), rows };
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function parseJson(text: string, what: string): unknown {
  const v = tryJson(text);
  if (v === undefined)
    throw new GraderError('INTERNAL', `ksqlDB's answer to ${what} is not JSON: ${text.slice(0, 200)}`, {
      hint: 'check the ksqlDB server version (kgrade pins 0.29)',
    });
  return v;
}
