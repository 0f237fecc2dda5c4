import fs from 'node:fs';
import { waitFor } from '../../core/wait-for.js';
import type { ConnectorState } from '../../kit/connect/connect-rest.js';
import { describeHttp, type HttpOutcome } from '../../kit/solution/http-service.js';
import type { Localized } from '../../model/verdict.js';
import type { WatchedRecord } from '../../kit/readers/topic-watcher.js';
import type { Ex4Run } from './prepare.js';

/** How a line the grader appended was found on the topic. */
export interface LineOnTopic {
  line: string;
  appendedAtMs: number;
  /** The record holding exactly the line, or else one whose value contains it (wrapped by a converter). */
  record?: { offset: number; value: string | null; timestampMs: number; seenAtMs: number; exact: boolean };
}

export interface LineInFile {
  line: string;
  appendedAtMs: number;
  /** When the grader first read it in the file. */
  seenAtMs?: number;
}

/** Appends lines to the source file, as a program writing a log would. */
export function appendLines(run: Ex4Run, lines: string[], file = run.files.source): number {
  fs.appendFileSync(run.hostPath(file), lines.map((l) => l + '\n').join(''));
  return Date.now();
}

/** Distinct lines for this run. */
export function freshLines(run: Ex4Run, tag: string, n: number): string[] {
  return Array.from(
    { length: n },
    (_, i) => `kgrade ${run.runId} ${tag} ${i + 1} ${Math.random().toString(36).slice(2, 8)}`,
  );
}

function find(records: WatchedRecord[], line: string): LineOnTopic['record'] {
  const exact = records.find((r) => r.value === line);
  const r = exact ?? records.find((x) => x.value?.includes(line));
  return r && { offset: r.offset, value: r.value, timestampMs: r.timestampMs, seenAtMs: r.seenAtMs, exact: !!exact };
}

/** Waits until every line is on the topic (or the time is up); records found so far either way. */
export async function linesOnTopic(
  run: Ex4Run,
  lines: string[],
  appendedAtMs: number,
  timeoutMs: number,
): Promise<LineOnTopic[]> {
  const look = () => lines.map((line) => ({ line, appendedAtMs, record: find(run.watcher.records(), line) }));
  await waitFor(() => look().every((l) => l.record), { timeoutMs, intervalMs: 50 }).catch(() => undefined);
  return look();
}

/** Whether any of the lines is on the topic now. */
export function anyOnTopic(run: Ex4Run, lines: string[]): LineOnTopic['record'][] {
  return lines.map((l) => find(run.watcher.records(), l)).filter(Boolean);
}

export function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** Waits until every line is in the file; when each was first seen there. */
export async function linesInFile(
  hostFile: string,
  lines: string[],
  appendedAtMs: number,
  timeoutMs: number,
): Promise<{ lines: LineInFile[]; content: string }> {
  const seen = new Map<string, number>();
  let content = '';
  await waitFor(
    () => {
      content = readText(hostFile);
      const have = new Set(content.split('\n'));
      for (const l of lines) if (!seen.has(l) && have.has(l)) seen.set(l, Date.now());
      return seen.size === lines.length;
    },
    { timeoutMs, intervalMs: 50 },
  ).catch(() => undefined);
  return { lines: lines.map((line) => ({ line, appendedAtMs, seenAtMs: seen.get(line) })), content };
}

/** Connect's view of a connector until `ok` holds (or the time is up); the last state seen. */
export async function stateUntil(
  run: Ex4Run,
  name: string,
  ok: (s: ConnectorState | undefined) => boolean,
  timeoutMs: number,
): Promise<ConnectorState | undefined> {
  let last: ConnectorState | undefined;
  await waitFor(
    async () => {
      last = await run.connect.status(name).catch(() => last);
      return ok(last);
    },
    { timeoutMs, intervalMs: 200 },
  ).catch(() => undefined);
  return last;
}

export const allRunning = (s: ConnectorState | undefined) =>
  s?.connector === 'RUNNING' && s.tasks.length > 0 && s.tasks.every((t) => t.state === 'RUNNING');

/** "RUNNING, tasks: 0 FAILED" as Connect reported it. */
export function describeState(s: ConnectorState | undefined): string {
  if (!s) return 'unknown to Connect (404)';
  return `${s.connector}, tasks: ${s.tasks.length ? s.tasks.map((t) => `${t.id} ${t.state}`).join(', ') : 'none'}`;
}

/** What the solution's API answered to a request the grader made through it ("nothing" when it was never asked). */
export function answered(a: HttpOutcome | undefined): Localized {
  return a ? describeHttp(a) : { fr: 'rien', en: 'nothing' };
}

/** The first line of a task's trace, as evidence. */
export function traceHead(trace: string | undefined): string | undefined {
  return trace?.split('\n')[0]?.slice(0, 200);
}

/**
 * What Connect answers to each management request it accepts (Connect's REST API: pause and resume 202 Accepted,
 * a task restart and a delete 204 No Content, both with an empty body; a changed configuration 200 with the
 * connector). The relay must hand that status back as it is.
 */
export const CONNECT_ACCEPTS: Record<
  'update' | 'pause' | 'resume' | 'restart' | 'delete',
  { statuses: number[]; body: Localized }
> = {
  update: { statuses: [200], body: { fr: 'le connecteur en JSON', en: 'the connector as JSON' } },
  pause: { statuses: [202], body: { fr: 'corps vide', en: 'empty body' } },
  resume: { statuses: [202], body: { fr: 'corps vide', en: 'empty body' } },
  restart: { statuses: [204], body: { fr: 'corps vide', en: 'empty body' } },
  delete: { statuses: [204], body: { fr: 'corps vide', en: 'empty body' } },
};

/**
 * Whether the service answered a success to a request Connect accepted (the grader saw its effect in Connect);
 * else what to say: what the service answered and what Connect answers. A success status other than Connect's
 * (200 for its 202) is not charged here: relaying Connect's statuses as they are is what `api-relays-errors`
 * judges, so a service that answers 200 to everything is charged once. Pure.
 */
export function relayMismatch(
  op: keyof typeof CONNECT_ACCEPTS,
  request: string,
  a: HttpOutcome | undefined,
): Localized | undefined {
  const want = CONNECT_ACCEPTS[op];
  if (a && typeof a.status === 'number' && a.status >= 200 && a.status < 300) return undefined;
  const connect = want.statuses.join(' or ');
  return {
    fr: `${request} envoyé à votre service a reçu ${answered(a).fr}, alors que Connect a accepté la demande (son effet est visible dans Connect) et répond ${connect} (${want.body.fr}) : une demande que Connect accepte doit revenir en succès, avec le statut de Connect tel quel`,
    en: `${request} sent to your service got ${answered(a).en}, while Connect accepted the request (its effect shows in Connect) and answers ${connect} (${want.body.en}): a request Connect accepted must come back as a success, with Connect's status as it is`,
  };
}
