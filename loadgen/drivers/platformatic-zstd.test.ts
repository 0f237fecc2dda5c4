import { compress as mongoCompress, decompress as mongoDecompress } from '@mongodb-js/zstd';
import { compressionsAlgorithms, compressionsAlgorithmsByBitmask } from '@platformatic/kafka';
import { describe, expect, it } from 'vitest';
import { ensurePlatformaticZstd } from './platformatic-zstd.js';

describe('zstd for @platformatic/kafka', () => {
  const text = Buffer.from('{"media":"lemonde","title":"news"}\n'.repeat(500));

  it('is available on this Node', () => {
    expect(ensurePlatformaticZstd()).toEqual({ ok: true });
    expect(compressionsAlgorithms.zstd.available).toBe(true);
  });

  it('writes standard zstd frames that another zstd (the kafkajs readers) reads, and reads theirs', async () => {
    ensurePlatformaticZstd();
    const written = compressionsAlgorithms.zstd.compressSync(text);
    expect(written.length).toBeLessThan(text.length / 10);
    expect((await mongoDecompress(written)).equals(text)).toBe(true);
    const theirs = await mongoCompress(text, 3);
    expect(compressionsAlgorithmsByBitmask[4]!.decompressSync(theirs).equals(text)).toBe(true);
  });
});
