import { describe, expect, it } from 'vitest';
import { primingShape } from './load-bench.js';
import { loadShape } from '../loadgen/workload.js';

describe('primingShape', () => {
  it('primes a full-speed shape for 2 s with no record cap, so the first measured run starts warm', () => {
    const p = primingShape(loadShape('bytes-100b'));
    expect(p).toMatchObject({ warmupSec: 0, durationSec: 2, endToEnd: false });
    expect(p.maxRecords).toBeUndefined();
  });
  it('keeps a paced shape short and without its consumer', () => {
    const p = primingShape(loadShape('news-paced'));
    expect(p).toMatchObject({ durationSec: 2, maxRecords: 5000, endToEnd: false, rateMsgPerSec: 2000 });
  });
});
