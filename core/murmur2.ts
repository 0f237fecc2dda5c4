import { murmur2 as kafkaMurmur2 } from '@platformatic/kafka';

/**
 * Kafka's default partitioner for keyed records: murmur2 of the key bytes (the Java client's `Utils.murmur2`),
 * made positive (`toPositive`), modulo the partition count. The hash is @platformatic/kafka's, which ports the
 * Java client's; `murmur2.test.ts` holds it to the Java client's published vectors.
 */
export function murmur2(data: Buffer): number {
  return kafkaMurmur2(data);
}

export function defaultPartitionForKey(key: string, partitions: number): number {
  return (murmur2(Buffer.from(key, 'utf8')) & 0x7fffffff) % partitions;
}
