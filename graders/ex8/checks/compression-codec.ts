import type { CheckDefinition, Judgement } from '../../../engine/exercise.js';
import { dumpLogSegments } from '../measure.js';
import { parseDumpCodecs, type Ex8Prepared } from '../observations.js';

export interface CodecObs {
  /** null: the brokers' log dirs are out of reach (not a native stack). */
  batchesByCodec: Record<string, number> | null;
}

export function judgeCodec(o: CodecObs): Judgement {
  if (o.batchesByCodec === null) return { status: 'skipped', reason: 'the brokers\' log segments are not reachable on this stack', evidence: { summary: { fr: 'Segments inaccessibles sur cette pile.', en: 'Segments out of reach on this stack.' } } };
  const data = { batchesByCodec: o.batchesByCodec };
  const total = Object.values(o.batchesByCodec).reduce((s, n) => s + n, 0);
  const plain = o.batchesByCodec.none ?? 0;
  const list = Object.entries(o.batchesByCodec).map(([c, n]) => `${c}: ${n}`).join(', ');
  if (total === 0) return { status: 'fail', evidence: { summary: { fr: 'Aucun lot (record batch) trouvé sur le disque.', en: 'No record batch found on disk.' }, data } };
  if (plain > 0) {
    return { status: 'fail', evidence: { summary: { fr: `${plain} lot(s) sur ${total} sont écrits sans compression (${list}).`, en: `${plain} of ${total} record batches are written uncompressed (${list}).` }, data } };
  }
  return { status: 'pass', evidence: { summary: { fr: `Les ${total} lots sur le disque sont compressés (${list}).`, en: `All ${total} record batches on disk are compressed (${list}).` }, data } };
}

export const compressionCodec: CheckDefinition<Ex8Prepared, CodecObs> = {
  id: 'compression-codec',
  title: { fr: 'Q2 : les lots écrits portent un codec de compression', en: 'Q2: the record batches carry a compression codec' },
  points: 2,
  hint: {
    fr: 'TP producteur Q2 : réglez compression.type côté producteur (snappy, comme suggéré ; lz4 ou zstd conviennent aussi). Le broker garde le codec du producteur (compression.type=producer).',
    en: 'Producer lab Q2: set compression.type on the producer (snappy, as suggested; lz4 or zstd do too). The broker keeps the producer\'s codec (compression.type=producer).',
  },
  async observe(_ctx, p) {
    if (!p.studentSegments.length) return { batchesByCodec: null };
    return { batchesByCodec: parseDumpCodecs(await dumpLogSegments(p.studentSegments)) };
  },
  judge: judgeCodec,
};
