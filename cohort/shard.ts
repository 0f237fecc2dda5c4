/**
 * Shards of a roster for grading across machines (`kgrade cohort --shard i/n`): a student belongs to exactly one
 * shard, chosen by a hash of their id only, so reordering, adding or removing other rows never moves them.
 */
import crypto from 'node:crypto';
import { GraderError } from '../core/errors.js';

export interface Shard {
  /** 1-based, as written on the command line (`--shard 2/4`). */
  index: number;
  count: number;
}

export const MAX_SHARDS = 256;

export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || count > MAX_SHARDS || index < 1 || index > count) {
    throw new GraderError('BAD_USAGE', `--shard must be i/n with 1 <= i <= n <= ${MAX_SHARDS}, got '${text}'`, {
      hint: 'e.g. --shard 1/4 on the first of four runners',
    });
  }
  return { index, count };
}

export const shardLabel = (s: Shard): string => `${s.index}/${s.count}`;

/** The shard (1-based) of a student id among `count`. Ids are case-insensitive in a roster, so here too. */
export function shardOf(studentId: string, count: number): number {
  const h = crypto.createHash('sha256').update(studentId.toLowerCase()).digest();
  return Number(h.readBigUInt64BE(0) % BigInt(count)) + 1;
}

export function inShard(studentId: string, shard: Shard): boolean {
  return shardOf(studentId, shard.count) === shard.index;
}
