import { describe, expect, it } from 'vitest';
import { checkHistory, isClean, type ObservedRecord, type Write } from './history.js';

const w = (
  id: string,
  key: string | null,
  seq: number,
  outcome: Write['outcome'] = 'acked',
  extra: Partial<Write> = {},
): Write => ({ id, key, seq, outcome, sentAtMs: seq * 10, doneAtMs: seq * 10 + 5, ...extra });
const r = (id: string | undefined, key: string | null, partition: number, offset: number): ObservedRecord => ({
  id,
  key,
  partition,
  offset,
});

describe('checkHistory', () => {
  it('a clean history: every acked write once, in order', () => {
    const rep = checkHistory(
      [w('a', 'k', 0), w('b', 'k', 1), w('c', 'j', 0)],
      [r('a', 'k', 0, 0), r('b', 'k', 0, 1), r('c', 'j', 1, 0)],
    );
    expect(isClean(rep)).toBe(true);
    expect(rep.writes).toEqual({ acked: 3, failed: 0, unknown: 0 });
    expect(rep.splitKeys).toEqual([]);
  });

  it('reports a lost acknowledged write with where the ack said it was', () => {
    const rep = checkHistory(
      [w('a', 'k', 0, 'acked', { ackPartition: 2, ackOffset: 40 }), w('b', 'k', 1)],
      [r('b', 'k', 2, 41)],
    );
    expect(rep.lost).toEqual([{ id: 'a', key: 'k', sentAtMs: 0, doneAtMs: 5, ackedAt: { partition: 2, offset: 40 } }]);
    expect(isClean(rep)).toBe(false);
  });

  it("names the write stored where a lost write was acknowledged (an acknowledgement giving another record's position)", () => {
    // ex9, seen on a loaded machine: 274 reported failed but stored at 0:172; 279 acknowledged at 0:172, stored nowhere.
    const rep = checkHistory(
      [
        w('274', 'k4', 0, 'failed'),
        w('279', 'k9', 1, 'acked', { ackPartition: 0, ackOffset: 172 }),
        w('281', 'k1', 2, 'acked', { ackPartition: 0, ackOffset: 173 }),
      ],
      [r('274', 'k4', 0, 172), r('281', 'k1', 0, 173)],
    );
    expect(rep.lost).toEqual([
      {
        id: '279',
        key: 'k9',
        sentAtMs: 10,
        doneAtMs: 15,
        ackedAt: { partition: 0, offset: 172 },
        heldThere: { id: '274', outcome: 'failed', sentBefore: true },
      },
    ]);
    expect(rep.presentThoughFailed.map((x) => x.id)).toEqual(['274']);
  });

  it('does not count failed or unknown writes that are missing as lost', () => {
    const rep = checkHistory(
      [w('a', 'k', 0, 'failed'), w('b', 'k', 1, 'unknown'), w('c', 'k', 2, 'unknown')],
      [r('c', 'k', 0, 0)],
    );
    expect(rep.lost).toEqual([]);
    expect(rep.unknownPresent).toBe(1);
    expect(rep.unknownMissing).toBe(1);
  });

  it('reports duplicates with every copy, whatever the outcome', () => {
    const rep = checkHistory(
      [w('a', 'k', 0), w('b', 'k', 1, 'unknown')],
      [r('a', 'k', 0, 0), r('a', 'k', 0, 1), r('b', 'k', 0, 2), r('b', 'k', 0, 3), r('a', 'k', 0, 4)],
    );
    expect(rep.duplicates).toEqual([
      {
        id: 'a',
        key: 'k',
        copies: [
          { partition: 0, offset: 0 },
          { partition: 0, offset: 1 },
          { partition: 0, offset: 4 },
        ],
      },
      {
        id: 'b',
        key: 'k',
        copies: [
          { partition: 0, offset: 2 },
          { partition: 0, offset: 3 },
        ],
      },
    ]);
  });

  it('reports a write present although the producer was told it failed', () => {
    const rep = checkHistory([w('a', 'k', 0, 'failed')], [r('a', 'k', 1, 7)]);
    expect(rep.presentThoughFailed).toEqual([{ id: 'a', key: 'k', doneAtMs: 5, at: { partition: 1, offset: 7 } }]);
  });

  it('reports per-key reordering within a partition, with offsets', () => {
    const rep = checkHistory(
      [w('a', 'k', 0), w('b', 'k', 1), w('c', 'k', 2)],
      [r('b', 'k', 0, 10), r('a', 'k', 0, 11), r('c', 'k', 0, 12)],
    );
    expect(rep.reordered).toHaveLength(1);
    // a was sent first (seq 0) but stored after b (seq 1).
    expect(rep.reordered[0]).toEqual({
      key: 'k',
      earlier: { id: 'a', seq: 0, at: { partition: 0, offset: 11 } },
      later: { id: 'b', seq: 1, at: { partition: 0, offset: 10 } },
    });
  });

  it('judges order on first copies only: a retried duplicate later in the log is not a reorder', () => {
    const rep = checkHistory(
      [w('a', 'k', 0), w('b', 'k', 1)],
      [r('a', 'k', 0, 0), r('b', 'k', 0, 1), r('a', 'k', 0, 2)],
    );
    expect(rep.reordered).toEqual([]);
    expect(rep.duplicates).toHaveLength(1);
  });

  it('reports keys split over partitions and ignores order of unkeyed writes', () => {
    const rep = checkHistory(
      [w('a', 'k', 0), w('b', 'k', 1), w('x', null, 0), w('y', null, 1)],
      [r('a', 'k', 0, 0), r('b', 'k', 3, 0), r('y', null, 1, 0), r('x', null, 1, 1)],
    );
    expect(rep.splitKeys).toEqual([{ key: 'k', partitions: [0, 3] }]);
    expect(rep.reordered).toEqual([]);
  });

  it('lists foreign records and misplaced acknowledgements', () => {
    const rep = checkHistory(
      [w('a', 'k', 0, 'acked', { ackPartition: 0, ackOffset: 5 })],
      [r('a', 'k', 0, 6), r('zz', 'k', 0, 7), r(undefined, null, 0, 8)],
    );
    expect(rep.foreign).toHaveLength(2);
    expect(rep.misplaced).toEqual([
      { id: 'a', acked: { partition: 0, offset: 5 }, found: { partition: 0, offset: 6 } },
    ]);
  });
});
