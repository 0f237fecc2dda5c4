/**
 * Merging shards (pure): which students and results make the class, what is missing, and what contradicts.
 * Refused: shards of different rosters, exercises, shard counts or gradebook options, and a student x exercise
 * graded in two folders with different results (both folders named). Tolerated and named: shards not given yet,
 * gradings with no result (the merge is re-run when they arrive).
 */
import { GraderError } from '../core/errors.js';
import { recordKey, type CohortStudent } from './cohort-model.js';
import type { RosterProblem } from './roster.js';
import { shardLabel } from './shard.js';
import type { ShardManifest, ShardOptions } from './shard-manifest.js';
import type { CohortRecord } from './store.js';

export interface ShardInput {
  dir: string;
  manifest: ShardManifest;
  records: CohortRecord[];
}

export interface MergePlan {
  exerciseIds: string[];
  options: ShardOptions;
  shardCount: number;
  /** Shard indexes (1-based) with at least one folder given. */
  shardsPresent: number[];
  shardsMissing: number[];
  /** Roster order, as an unsharded run lists them. */
  students: CohortStudent[];
  records: Map<string, CohortRecord>;
  /** The folder each kept record came from. */
  recordDirs: Map<string, string>;
  rowProblems: RosterProblem[];
  /** Roster students with no result for an exercise (their shard missing, or a grading that never finished). */
  missing: { studentId: string; exerciseId: string; shard: number }[];
}

const mismatch = (what: string, a: ShardInput, b: ShardInput) =>
  new GraderError(
    'BAD_USAGE',
    `shards disagree on ${what}: ${a.dir} (shard ${shardLabel(a.manifest.shard)}) and ${b.dir} (shard ${shardLabel(b.manifest.shard)})`,
    {
      hint: 'merge only the shards of one run: same roster, --exercises, number of shards, --deadline/--late-penalty/--similarity/--lang',
    },
  );

/** What makes two results of one grading the same for the gradebook: the outcome and every check's verdict. */
export function resultSignature(r: CohortRecord): string {
  return JSON.stringify([
    r.result.outcome,
    r.result.score,
    r.result.maxScore,
    r.result.verdicts.map((v) => [v.id, v.status, v.score]),
  ]);
}

export function planMerge(inputs: ShardInput[], shardOfStudent: (id: string, count: number) => number): MergePlan {
  if (!inputs.length)
    throw new GraderError('BAD_USAGE', 'cohort merge needs at least one shard folder', {
      hint: 'e.g. kgrade cohort merge shards/* --out kgrade-cohort',
    });
  const first = inputs[0]!;
  const m0 = first.manifest;
  for (const input of inputs.slice(1)) {
    const m = input.manifest;
    if (m.roster.fingerprint !== m0.roster.fingerprint) throw mismatch('the roster', first, input);
    if (m.shard.count !== m0.shard.count) throw mismatch('the number of shards', first, input);
    if (m.exerciseIds.join(',') !== m0.exerciseIds.join(',')) throw mismatch('the exercises', first, input);
    if (JSON.stringify(m.options) !== JSON.stringify(m0.options)) throw mismatch('the gradebook options', first, input);
  }

  const records = new Map<string, CohortRecord>();
  const recordDirs = new Map<string, string>();
  for (const input of inputs) {
    for (const r of input.records) {
      const key = recordKey(r.student.id, r.exerciseId);
      const seen = records.get(key);
      if (!seen) {
        records.set(key, r);
        recordDirs.set(key, input.dir);
      } else if (resultSignature(seen) !== resultSignature(r)) {
        throw new GraderError(
          'BAD_USAGE',
          `${r.student.id} ${r.exerciseId} has different results in ${recordDirs.get(key)} (${seen.result.score}/${seen.result.maxScore}, ${seen.result.outcome}) and ${input.dir} (${r.result.score}/${r.result.maxScore}, ${r.result.outcome})`,
          {
            hint: 'a student was graded by two shards or two runs: keep one of the folders (or delete one of the two results and re-run merge)',
          },
        );
      }
    }
  }

  const count = m0.shard.count;
  const present = new Set(inputs.map((i) => i.manifest.shard.index));
  const shardsPresent = [...present].sort((a, b) => a - b);
  const shardsMissing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !present.has(i));

  const byLine = (a: RosterProblem, b: RosterProblem) => a.line - b.line;
  const extra = new Map<string, RosterProblem>();
  for (const input of inputs) for (const p of input.manifest.rowProblems) extra.set(p.message, p);
  const rowProblems = [...m0.roster.problems, ...[...extra.values()].sort(byLine)];
  const notGraded = new Set([...extra.values()].flatMap((p) => (p.id ? [p.id] : [])));

  const students: CohortStudent[] = [];
  const missing: MergePlan['missing'] = [];
  for (const s of m0.roster.students) {
    if (notGraded.has(s.id)) continue;
    const own = m0.exerciseIds.map((ex) => records.get(recordKey(s.id, ex)));
    const source = own.find(Boolean)?.source;
    students.push({ id: s.id, name: s.name, ...(source ? { source } : {}) });
    m0.exerciseIds.forEach((ex, i) => {
      if (!own[i]) missing.push({ studentId: s.id, exerciseId: ex, shard: shardOfStudent(s.id, count) });
    });
  }
  return {
    exerciseIds: m0.exerciseIds,
    options: m0.options,
    shardCount: count,
    shardsPresent,
    shardsMissing,
    students,
    records,
    recordDirs,
    rowProblems,
    missing,
  };
}
