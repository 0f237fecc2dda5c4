/**
 * `kgrade cohort merge <dirs...>`: one gradebook, dashboard and summary from the output folders of
 * `kgrade cohort --shard i/n` runs, published by the same code as an unsharded run (publish.ts). Re-running it after
 * another shard arrives rebuilds everything from the folders given (nothing is kept from an earlier merge).
 *
 *   <out>/results/, students/   every shard's records and per-student reports, copied
 *   <out>/dashboard.html, gradebook.csv, summary.json
 *   <out>/merge.json            the shards merged and what is still missing
 */
import fs from 'node:fs';
import path from 'node:path';
import { GraderError } from '../core/errors.js';
import { exerciseById } from '../graders/registry.js';
import type { CohortModel } from './cohort-model.js';
import { planMerge, type MergePlan, type ShardInput } from './merge-plan.js';
import { shardOf } from './shard.js';
import { readFingerprints, readShardManifest } from './shard-manifest.js';
import { publishCohort } from './publish.js';
import { readRecord, writeFileAtomic, writeRecord, type CohortRecord } from './store.js';

/** 0..2 as an unsharded run; 3 when shards or results are missing (the merge is incomplete). */
export const EXIT_INCOMPLETE = 3;

export interface MergeResult {
  outDir: string;
  plan: MergePlan;
  model: CohortModel;
  files: { dashboard: string; gradebook: string; summary: string; merge: string };
  exitCode: number;
}

export function readShardInput(dir: string): ShardInput {
  const manifest = readShardManifest(dir);
  const records: CohortRecord[] = [];
  for (const s of manifest.roster.students) {
    for (const ex of manifest.exerciseIds) {
      const r = readRecord(dir, s.id, ex);
      if (r) records.push(r);
    }
  }
  return { dir, manifest, records };
}

export function mergeCohort(opts: { dirs: string[]; outDir: string; generatedAt?: string }): MergeResult {
  const outDir = path.resolve(opts.outDir);
  const dirs = [...new Set(opts.dirs.map((d) => path.resolve(d)))];
  if (dirs.includes(outDir))
    throw new GraderError('BAD_USAGE', `--out ${outDir} is also a shard folder`, {
      hint: 'merge into a folder of its own, e.g. --out kgrade-cohort',
    });
  const plan = planMerge(dirs.map(readShardInput), shardOf);
  const exercises = plan.exerciseIds.map(exerciseById);

  const fingerprints = new Map<string, Set<string>>();
  for (const d of dirs) for (const [id, fp] of readFingerprints(d)) fingerprints.set(id, fp);
  for (const s of plan.students) fingerprints.set(s.id, fingerprints.get(s.id) ?? new Set());

  fs.mkdirSync(outDir, { recursive: true });
  for (const [key, record] of plan.records) {
    writeRecord(outDir, record);
    const from = path.join(plan.recordDirs.get(key)!, 'students', record.student.id);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(outDir, 'students', record.student.id), { recursive: true });
  }
  const published = publishCohort(outDir, {
    exercises,
    students: plan.students,
    records: plan.records,
    rowProblems: plan.rowProblems,
    fingerprints,
    options: plan.options,
    ...(opts.generatedAt ? { generatedAt: opts.generatedAt } : {}),
  });
  const { model } = published;
  const files = { ...published.files, merge: path.join(outDir, 'merge.json') };
  const merged = {
    shardCount: plan.shardCount,
    shardsPresent: plan.shardsPresent,
    shardsMissing: plan.shardsMissing,
    dirs,
    missing: plan.missing,
    mergedAt: model.generatedAt,
  };
  writeFileAtomic(files.merge, JSON.stringify(merged, null, 2) + '\n');

  const incomplete = plan.shardsMissing.length > 0 || plan.missing.length > 0;
  const exitCode = incomplete ? EXIT_INCOMPLETE : published.exitCode;
  return { outDir, plan, model, files, exitCode };
}

/** One line per missing shard, then per student with missing results (never silently dropped). */
export function describeMissing(plan: MergePlan): string[] {
  const lines = plan.shardsMissing.map((i) => {
    const who = [...new Set(plan.missing.filter((m) => m.shard === i).map((m) => m.studentId))];
    return `missing shard ${i}/${plan.shardCount}: ${who.length ? who.join(', ') : 'no student of this roster'}`;
  });
  const present = new Set(plan.shardsPresent);
  const byStudent = new Map<string, string[]>();
  for (const m of plan.missing.filter((x) => present.has(x.shard)))
    byStudent.set(m.studentId, [...(byStudent.get(m.studentId) ?? []), m.exerciseId]);
  for (const [id, exs] of byStudent)
    lines.push(
      `missing result: ${id} ${exs.join(', ')} (shard ${shardOf(id, plan.shardCount)}/${plan.shardCount} has no result for it)`,
    );
  return lines;
}
