import { describe, expect, test } from 'vitest';
import { GraderError } from '../core/errors.js';
import { inShard, parseShard, shardOf } from './shard.js';

const ids = Array.from({ length: 200 }, (_, i) => `student-${i}`);

describe('roster shards', () => {
  test('every student is in exactly one shard, whatever the number of shards', () => {
    for (const count of [1, 2, 3, 7]) {
      for (const id of ids) {
        const owners = Array.from({ length: count }, (_, i) => i + 1).filter((index) => inShard(id, { index, count }));
        expect(owners).toHaveLength(1);
      }
    }
  });

  test('a student stays in their shard when the roster is reordered or other rows change', () => {
    const before = new Map(ids.map((id) => [id, shardOf(id, 4)]));
    const shuffled = [...ids].reverse().concat('newcomer');
    for (const id of shuffled.filter((x) => x !== 'newcomer')) expect(shardOf(id, 4)).toBe(before.get(id));
  });

  test('ids are compared without case, as the roster does', () => {
    expect(shardOf('Alice', 5)).toBe(shardOf('alice', 5));
  });

  test('shards are roughly balanced (200 ids over 4: none empty, none above half)', () => {
    const sizes = [1, 2, 3, 4].map((index) => ids.filter((id) => inShard(id, { index, count: 4 })).length);
    for (const s of sizes) expect(s).toBeGreaterThan(20);
    for (const s of sizes) expect(s).toBeLessThan(100);
  });

  test('i/n is parsed 1-based; anything else is a usage error with an example', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard(' 1 / 1 ')).toEqual({ index: 1, count: 1 });
    for (const bad of ['0/4', '5/4', '1/0', 'a/b', '2', '1/4/2', '-1/3']) {
      expect(() => parseShard(bad)).toThrow(GraderError);
      expect(() => parseShard(bad)).toThrow(/--shard must be i\/n/);
    }
  });
});
