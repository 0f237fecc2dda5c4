/**
 * The cohort's output folder, the single source of truth for resume:
 *
 *   <out>/results/<student>/<exercise>.json   one CohortRecord, written atomically (tmp + fsync + rename)
 *                                              the moment that grading is finished
 *   <out>/events.jsonl                         one line per grading started/finished (audit: nothing graded twice)
 *   <out>/students/<student>/kgrade-<ex>.html  per-student reports (same renderer as `kgrade grade`; kgrade-<ex>.en.html in English)
 *   <out>/dashboard.html, gradebook.csv, summary.json
 *
 * A SIGKILL can only lose the grading in progress: a record exists completely or not at all.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { GradeResult } from '../model/result.js';

export const RECORD_SCHEMA_VERSION = 1;

export interface SourceInfo {
  kind: 'path' | 'git';
  /** Folder that was graded. */
  dir: string;
  url?: string;
  ref?: string;
  commit?: string;
  /** ISO 8601 committer date of the graded commit. */
  commitDate?: string;
}

/** One student x exercise, as persisted. */
export interface CohortRecord {
  schemaVersion: typeof RECORD_SCHEMA_VERSION;
  student: { id: string; name: string };
  exerciseId: string;
  source: SourceInfo;
  /** Gradings run for this record (1 + retries after infrastructure failures). */
  attempts: number;
  /** Infrastructure problems of the attempts that were retried. */
  retriedProblems: string[];
  finishedAt: string;
  result: GradeResult;
}

export function resultPath(outDir: string, studentId: string, exerciseId: string): string {
  return path.join(outDir, 'results', studentId, `${exerciseId}.json`);
}

/** Write to a temporary file in the same folder, flush it, then rename over the target (atomic on POSIX). */
export function writeFileAtomic(file: string, content: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeFileSync(fd, content);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

export function writeRecord(outDir: string, record: CohortRecord): string {
  const file = resultPath(outDir, record.student.id, record.exerciseId);
  writeFileAtomic(file, JSON.stringify(record, null, 2) + '\n');
  return file;
}

/** The stored record, or undefined when absent or unreadable (an unreadable one is graded again). */
export function readRecord(outDir: string, studentId: string, exerciseId: string): CohortRecord | undefined {
  try {
    const r = JSON.parse(fs.readFileSync(resultPath(outDir, studentId, exerciseId), 'utf8')) as CohortRecord;
    return r.schemaVersion === RECORD_SCHEMA_VERSION && r.result?.exercise?.id === exerciseId ? r : undefined;
  } catch {
    return undefined;
  }
}

export interface Job {
  studentId: string;
  exerciseId: string;
}

export type ResumeDecision =
  | { job: Job; action: 'grade' }
  | { job: Job; action: 'skip'; record: CohortRecord }
  | { job: Job; action: 'regrade-not-gradable'; record: CohortRecord }
  | { job: Job; action: 'regrade-untrusted'; record: CohortRecord };

/**
 * What a run does with each job. Without resume, everything is graded (and overwritten).
 * With resume, a finished record is kept; a not-gradable one is graded again (the infrastructure may be
 * fine now, and it never was the student's result). A record this store did not compute itself (no
 * `provenance: 'trainer'`: copied in by hand, produced by `kgrade grade` in a student's CI, or older than
 * provenance) is graded again: only the trainer's own run is the truth (issue 17).
 */
export function planJobs(jobs: Job[], resume: boolean, lookup: (j: Job) => CohortRecord | undefined): ResumeDecision[] {
  return jobs.map((job) => {
    if (!resume) return { job, action: 'grade' };
    const record = lookup(job);
    if (!record) return { job, action: 'grade' };
    if (record.result.provenance !== 'trainer') return { job, action: 'regrade-untrusted', record };
    if (record.result.outcome === 'not-gradable') return { job, action: 'regrade-not-gradable', record };
    return { job, action: 'skip', record };
  });
}

/** Every temporary file left by a killed writer (never renamed into place). */
export function removeStaleTemps(outDir: string): number {
  const root = path.join(outDir, 'results');
  if (!fs.existsSync(root)) return 0;
  let n = 0;
  for (const s of fs.readdirSync(root)) {
    const d = path.join(root, s);
    if (!fs.statSync(d).isDirectory()) continue;
    for (const f of fs.readdirSync(d)) {
      if (f.startsWith('.') && f.endsWith('.tmp')) {
        fs.rmSync(path.join(d, f), { force: true });
        n++;
      }
    }
  }
  return n;
}

export interface CohortEvent {
  event:
    | 'run-start'
    | 'start'
    | 'retry'
    /** A not-gradable result recorded without retry: its cause says a retry cannot help (retry-policy.ts 'final'). */
    | 'not-retried'
    | 'done'
    | 'skip'
    | 'run-end'
    | 'stack-ready'
    | 'stack-retry'
    | 'stopped'
    | 'not-recorded';
  at: string;
  pid: number;
  studentId?: string;
  exerciseId?: string;
  detail?: string;
}

/** Appends one JSON line (a line under PIPE_BUF is written in one piece). */
export function appendEvent(outDir: string, e: Omit<CohortEvent, 'at' | 'pid'>): void {
  fs.mkdirSync(outDir, { recursive: true });
  fs.appendFileSync(
    path.join(outDir, 'events.jsonl'),
    JSON.stringify({ ...e, at: new Date().toISOString(), pid: process.pid }) + '\n',
  );
}

export function readEvents(outDir: string): CohortEvent[] {
  const file = path.join(outDir, 'events.jsonl');
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as CohortEvent];
      } catch {
        return []; // a line cut by a kill
      }
    });
}
