/**
 * Kafka's default partitioner for keyed records: murmur2 of the key bytes (the Java client's `Utils.murmur2`),
 * made positive (`toPositive`), modulo the partition count. Written here from the Java client's algorithm (a
 * 32-bit MurmurHash2, seed 0x9747b28c) so that no Kafka client library is loaded at start-up for it;
 * `murmur2.test.ts` holds it to the Java client's published vectors and to kafkajs's port.
 */
const SEED = 0x9747b28c;
const M = 0x5bd1e995;

export function murmur2(data: Buffer): number {
  const length = data.length;
  let h = (SEED ^ length) | 0;
  const whole = length & ~3;
  for (let i = 0; i < whole; i += 4) {
    let k = data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24);
    k = Math.imul(k, M);
    k ^= k >>> 24;
    k = Math.imul(k, M);
    h = Math.imul(h, M) ^ k;
  }
  switch (length & 3) {
    // biome-ignore lint/suspicious/noFallthroughSwitchClause: murmur2 mixes the tail bytes by falling through, as Kafka's Utils.murmur2 does
    case 3:
      h ^= data[whole + 2]! << 16;
    // falls through
    // biome-ignore lint/suspicious/noFallthroughSwitchClause: as above
    case 2:
      h ^= data[whole + 1]! << 8;
    // falls through
    case 1:
      h ^= data[whole]!;
      h = Math.imul(h, M);
  }
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

export function defaultPartitionForKey(key: string, partitions: number): number {
  return (murmur2(Buffer.from(key, 'utf8')) & 0x7fffffff) % partitions;
}
