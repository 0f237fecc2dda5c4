import { settingFix } from '../../../kit/solution/client-settings.js';
import { solutionKafkaClients, type DetectedClient } from '../../../kit/solution/kafka-client.js';
import type { CheckDefinition, Judgement } from '../../../engine/exercise.js';
import { batchesByCodec, type Ex8Prepared } from '../observations.js';
import { fail, pass } from '../../../kit/judging/judgement.js';

export interface CodecObs {
  /** Data batches of the student's topic by codec, as the partition leader serves them (stored as written). */
  batchesByCodec: Record<string, number>;
  recordsPerBatch: number;
  /** The Kafka clients the solution's dependency files declare (the fix is given in their terms). */
  clients?: DetectedClient[];
}

export function judgeCodec(o: CodecObs): Judgement {
  const data = { batchesByCodec: o.batchesByCodec, recordsPerBatch: o.recordsPerBatch };
  const total = Object.values(o.batchesByCodec).reduce((s, n) => s + n, 0);
  const plain = o.batchesByCodec.none ?? 0;
  const list = Object.entries(o.batchesByCodec)
    .map(([c, n]) => `${c}: ${n}`)
    .join(', ');
  if (total === 0)
    return fail({ fr: 'Aucun lot (record batch) sur le topic.', en: 'No record batch on the topic.' }, data);
  if (plain > 0) {
    const fix = settingFix('compression', o.clients);
    return fail(
      {
        fr: `${plain} lot(s) sur ${total} sont écrits sans compression (${list} ; ${o.recordsPerBatch} enregistrements par lot en moyenne).${fix.fr}`,
        en: `${plain} of ${total} record batches are written uncompressed (${list}; ${o.recordsPerBatch} records per batch on average).${fix.en}`,
      },
      data,
    );
  }
  return pass(
    {
      fr: `Les ${total} lots stockés sont compressés (${list} ; ${o.recordsPerBatch} enregistrements par lot en moyenne).`,
      en: `All ${total} stored record batches are compressed (${list}; ${o.recordsPerBatch} records per batch on average).`,
    },
    data,
  );
}

export const compressionCodec: CheckDefinition<Ex8Prepared, CodecObs> = {
  id: 'compression-codec',
  title: {
    fr: 'Q2 : les lots écrits portent un codec de compression',
    en: 'Q2: the record batches carry a compression codec',
  },
  points: 2,
  hint: {
    fr: 'TP producteur Q2 : réglez compression.type côté producteur (snappy, comme suggéré ; lz4 ou zstd conviennent aussi). Le broker garde le codec du producteur (compression.type=producer).',
    en: "Producer lab Q2: set compression.type on the producer (snappy, as suggested; lz4 or zstd do too). The broker keeps the producer's codec (compression.type=producer).",
  },
  async observe(ctx, p) {
    const { byCodec, recordsPerBatch } = batchesByCodec(await ctx.stack.recordBatches(p.studentTopic, 0));
    return { batchesByCodec: byCodec, recordsPerBatch, clients: solutionKafkaClients(ctx.solution.dir) };
  },
  judge: judgeCodec,
};
