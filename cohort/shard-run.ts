/**
 * One shard of a cohort (`kgrade cohort --shard i/n`): the ordinary cohort run on the students of that shard,
 * then the shard's manifest and source fingerprints, so `kgrade cohort merge` can rebuild the whole class.
 * The manifest is written last: a shard folder without it did not finish and is refused by merge.
 */
import { DEFAULT_SIMILARITY, type CohortOptions } from './cohort-options.js';
import { readRoster } from './cohort-plan.js';
import { runCohort, type CohortRunResult } from './run-cohort.js';
import { inShard, type Shard } from './shard.js';
import {
  rosterSummary,
  SHARD_MANIFEST_SCHEMA_VERSION,
  writeFingerprints,
  writeShardManifest,
} from './shard-manifest.js';

export async function runCohortShard(opts: CohortOptions & { shard: Shard }): Promise<CohortRunResult> {
  const { shard } = opts;
  const roster = readRoster(opts.rosterPath, opts.gitAliases);
  const result = await runCohort({ ...opts, includeStudent: (id) => inShard(id, shard) });

  // The run's own fingerprints: every exercise's folder of each student, as a sequential run compares them.
  writeFingerprints(result.outDir, result.fingerprints);
  const parsed = new Set(roster.problems.map((p) => p.message));
  writeShardManifest(result.outDir, {
    schemaVersion: SHARD_MANIFEST_SCHEMA_VERSION,
    shard,
    exerciseIds: opts.exerciseIds,
    roster: rosterSummary(roster),
    rowProblems: result.model.rowProblems.filter((p) => !parsed.has(p.message)),
    options: {
      ...(opts.deadline ? { deadline: opts.deadline } : {}),
      ...(opts.latePenaltyPct ? { latePenaltyPct: opts.latePenaltyPct } : {}),
      similarityThreshold: opts.similarityThreshold ?? DEFAULT_SIMILARITY,
      lang: opts.lang ?? 'fr',
    },
    finishedAt: new Date().toISOString(),
  });
  return result;
}
