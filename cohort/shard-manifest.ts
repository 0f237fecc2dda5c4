/**
 * What a shard's output folder says about itself, for `kgrade cohort merge`:
 *
 *   <out>/shard.json         the shard, the exercises, the whole roster (ids, names, rows not graded) and the
 *                            options that shape the gradebook (deadline, penalty, similarity threshold, language)
 *   <out>/fingerprints.json  this shard's students' source fingerprints (similarity is computed across shards
 *                            at merge time, when the other shards' sources are on other machines)
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { GraderError } from '../core/errors.js';
import type { PublishOptions } from './publish.js';
import type { Roster, RosterProblem } from './roster.js';
import type { Shard } from './shard.js';
import { writeFileAtomic } from './store.js';

export const SHARD_MANIFEST_SCHEMA_VERSION = 1;
export const SHARD_MANIFEST_FILE = 'shard.json';
export const FINGERPRINTS_FILE = 'fingerprints.json';

/** The options that shape the gradebook, as the merge publishes it. */
export type ShardOptions = PublishOptions;

export interface ShardManifest {
  schemaVersion: typeof SHARD_MANIFEST_SCHEMA_VERSION;
  shard: Shard;
  exerciseIds: string[];
  roster: {
    /** sha256 of the rows graded and not graded, in order: shards of different rosters never merge. */
    fingerprint: string;
    students: { id: string; name: string; line: number }[];
    /** Rows the roster parse rejected (the same in every shard). */
    problems: RosterProblem[];
  };
  /** This shard's own rows not graded (a git source that could not be fetched). */
  rowProblems: RosterProblem[];
  options: ShardOptions;
  finishedAt: string;
}

export function rosterSummary(roster: Roster): ShardManifest['roster'] {
  const students = roster.entries.map((e) => ({ id: e.id, name: e.name, line: e.line }));
  const fingerprint = crypto
    .createHash('sha256')
    .update(JSON.stringify({ students, problems: roster.problems }))
    .digest('hex');
  return { fingerprint, students, problems: roster.problems };
}

export function writeShardManifest(outDir: string, m: ShardManifest): void {
  writeFileAtomic(path.join(outDir, SHARD_MANIFEST_FILE), JSON.stringify(m, null, 2) + '\n');
}

export function readShardManifest(dir: string): ShardManifest {
  const file = path.join(dir, SHARD_MANIFEST_FILE);
  let m: ShardManifest;
  try {
    m = JSON.parse(fs.readFileSync(file, 'utf8')) as ShardManifest;
  } catch (e) {
    throw new GraderError(
      'BAD_USAGE',
      `${dir} is not a finished shard's output folder (${file}: ${(e as Error).message})`,
      {
        hint: 'pass the --out folders of `kgrade cohort --shard i/n` runs that finished (the shard writes shard.json last)',
      },
    );
  }
  if (m.schemaVersion !== SHARD_MANIFEST_SCHEMA_VERSION) {
    throw new GraderError(
      'BAD_USAGE',
      `${file} has schema version ${m.schemaVersion}, this kgrade reads ${SHARD_MANIFEST_SCHEMA_VERSION}`,
      { hint: 'grade and merge with the same kgrade version' },
    );
  }
  return m;
}

export function writeFingerprints(outDir: string, fps: Map<string, Set<string>>): void {
  const obj = Object.fromEntries([...fps].map(([id, set]) => [id, [...set]]));
  writeFileAtomic(path.join(outDir, FINGERPRINTS_FILE), JSON.stringify(obj) + '\n');
}

export function readFingerprints(dir: string): Map<string, Set<string>> {
  try {
    const obj = JSON.parse(fs.readFileSync(path.join(dir, FINGERPRINTS_FILE), 'utf8')) as Record<string, string[]>;
    return new Map(Object.entries(obj).map(([id, list]) => [id, new Set(list)]));
  } catch {
    return new Map();
  }
}
