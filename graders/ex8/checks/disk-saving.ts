import type { CheckDefinition, Judgement } from '../../../engine/exercise.js';
import { EX8_RULES } from '../contract.js';
import type { Ex8Prepared } from '../observations.js';
import { fail, pass } from '../../../kit/judging/judgement.js';

export interface DiskObs {
  /** As the brokers report their log dirs (DescribeLogDirs), every replica counted. */
  studentBytes: number;
  plainBytes: number;
  records: number;
  /** Records the student's measured topic holds: the comparison means something only when all were written. */
  studentRecords: number;
  minRatio: number;
}

export function judgeDiskSaving(o: DiskObs): Judgement {
  const ratio = o.plainBytes / Math.max(1, o.studentBytes);
  const data = { ...o, ratio: Math.round(ratio * 100) / 100 };
  const figures = {
    fr: `${o.records} enregistrements occupent ${o.studentBytes} octets sur le disque, contre ${o.plainBytes} sans compression (×${data.ratio})`,
    en: `${o.records} records take ${o.studentBytes} bytes on disk, against ${o.plainBytes} uncompressed (${data.ratio}x)`,
  };
  if (o.studentRecords !== o.records) {
    return fail(
      {
        fr: `Le premier « produce » mesuré a laissé ${o.studentRecords} enregistrement(s) sur ${o.records} dans son topic (${o.studentBytes} octets) : sans tous les enregistrements écrits, la place sur le disque ne se compare pas.`,
        en: `The first measured "produce" run left ${o.studentRecords} of ${o.records} records on its topic (${o.studentBytes} bytes): without every record written, the disk space cannot be compared.`,
      },
      data,
    );
  }
  if (ratio < o.minRatio)
    return fail(
      {
        fr: `${figures.fr} : moins que ×${o.minRatio} attendu.`,
        en: `${figures.en}: below the ${o.minRatio}x expected.`,
      },
      data,
    );
  return pass({ fr: `${figures.fr}.`, en: `${figures.en}.` }, data);
}

export const diskSaving: CheckDefinition<Ex8Prepared, DiskObs> = {
  id: 'compression-saves-disk',
  title: { fr: 'Q2 : la compression réduit la place sur le disque', en: 'Q2: compression saves disk space' },
  points: 2,
  hint: {
    fr: "La compression s'applique à un lot entier : plus les lots sont gros, mieux elle compresse. Compression et batching vont ensemble (un message seul se compresse mal).",
    en: 'Compression applies to a whole batch: bigger batches compress better. Compression and batching go together (a lone record compresses poorly).',
  },
  async observe(_ctx, p) {
    return {
      studentBytes: p.studentBytesOnDisk,
      plainBytes: p.plain.bytesOnDisk,
      records: p.expectedRecords,
      studentRecords: p.student[0]!.records,
      minRatio: EX8_RULES.minDiskRatio,
    };
  },
  judge: judgeDiskSaving,
};
