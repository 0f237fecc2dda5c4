import { GraderError } from '../../core/errors.js';
import type { UndecodableBatchError } from '../../stack/kafkajs-codecs.js';
import type { StartedKafkaStack } from '../../stack/started-stack.js';

/**
 * The grader could not decode a batch the brokers hold: its trouble (not gradable), never records silently
 * missing from the evidence nor a verdict charged to the solution. kafkajs fails a whole fetch answer, which
 * may hold several partitions, so the partitions are found from the stored batch headers (no decompression).
 */
export async function locatedUndecodableBatchError(
  stack: StartedKafkaStack,
  topic: string,
  cause: UndecodableBatchError,
  reader: string,
): Promise<GraderError> {
  const where = await partitionsWithCodec(stack, topic, cause.codec).catch(() => undefined);
  return undecodableBatchError(topic, cause, reader, where);
}

/** The same error before (or without) finding the partitions: `where` undefined says "a partition". */
export function undecodableBatchError(
  topic: string,
  cause: UndecodableBatchError,
  reader: string,
  where?: { partition: number; offset: string }[],
): GraderError {
  const place = where?.length
    ? where.map((w) => `partition ${w.partition} (first at offset ${w.offset})`).join(', ')
    : 'a partition';
  return new GraderError(
    'INTERNAL',
    `the grader's ${reader} cannot decode ${topic}: ${place} holds record batches compressed with ${cause.codec} (${cause.reason})`,
    {
      hint: cause.codec.startsWith('unknown-')
        ? 'a client wrote a batch with a codec id Kafka does not define; the records cannot be judged'
        : `kgrade reads ${cause.codec} through an npm package: run npm ci, then kgrade doctor; this is not the solution's fault`,
      cause,
    },
  );
}

async function partitionsWithCodec(
  stack: StartedKafkaStack,
  topic: string,
  codec: string,
): Promise<{ partition: number; offset: string }[]> {
  const md = await stack.metadata([topic]);
  const partitions = md.topics.find((t) => t.name === topic)?.partitions.map((p) => p.partition) ?? [];
  const out: { partition: number; offset: string }[] = [];
  for (const partition of partitions.sort((a, b) => a - b)) {
    const first = (await stack.recordBatches(topic, partition)).find((b) => b.codec === codec);
    if (first) out.push({ partition, offset: first.baseOffset.toString() });
  }
  return out;
}
