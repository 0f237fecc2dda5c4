import type { CheckDefinition, Judgement } from '../../../engine/exercise.js';
import { EX0_RULES } from '../contract.js';
import type { Ex0Prepared } from '../observations.js';
import { partitionCountsChart } from '../../../kit/judging/charts.js';
import { fail, pass } from '../../../kit/judging/judgement.js';

export interface UnkeyedObs {
  topic: string;
  exists: boolean;
  /** Distinct values among the records without a key (the contract asks for distinct values). */
  unkeyedCount: number;
  /** Extra copies of a value (producer retries): reported, not counted. */
  duplicateCopies: number;
  /** partition -> number of records without key. */
  unkeyedByPartition: Record<number, number>;
}

function spread(byPartition: Record<number, number>): { fr: string; en: string } {
  const used = Object.entries(byPartition).filter(([, n]) => n > 0);
  const list = used.map(([p, n]) => `p${p}: ${n}`).join(', ');
  if (used.length === 1) {
    return {
      fr: `toutes sur la partition ${used[0]![0]} (un seul batch « collant » : partitionneur sticky)`,
      en: `all on partition ${used[0]![0]} (one "sticky" batch: sticky partitioner)`,
    };
  }
  return { fr: `réparties ainsi : ${list}`, en: `spread as ${list}` };
}

export function judgeUnkeyed(o: UnkeyedObs): Judgement {
  const want = EX0_RULES.unkeyedCount;
  const data = { ...o, expected: want };
  const charts = [partitionCountsChart('unkeyedByPartition', o.unkeyedByPartition)];
  if (!o.exists) {
    return fail(
      {
        fr: `Le topic « ${o.topic} » n'existe pas : aucun message sans clé.`,
        en: `Topic "${o.topic}" does not exist: no record without a key.`,
      },
      data,
      { charts },
    );
  }
  const where = spread(o.unkeyedByPartition);
  const dup = o.duplicateCopies
    ? {
        fr: ` (${o.duplicateCopies} copie(s) en double, écrite(s) par une nouvelle tentative du producteur, non comptée(s) : l'idempotence les évite, voir ex9)`,
        en: ` (${o.duplicateCopies} duplicate copie(s) written by a producer retry, not counted: idempotence avoids them, see ex9)`,
      }
    : { fr: '', en: '' };
  if (o.unkeyedCount !== want) {
    return fail(
      {
        fr: `Le topic contient ${o.unkeyedCount} message(s) distinct(s) sans clé ; ${want} attendus${dup.fr}.`,
        en: `The topic holds ${o.unkeyedCount} distinct record(s) without a key; ${want} expected${dup.en}.`,
      },
      data,
      { charts },
    );
  }
  return pass(
    {
      fr: `${want} messages sans clé, ${where.fr}${dup.fr}.`,
      en: `${want} records without a key, ${where.en}${dup.en}.`,
    },
    data,
    { charts },
  );
}

export const unkeyedRecords: CheckDefinition<Ex0Prepared, UnkeyedObs> = {
  id: 'unkeyed-records',
  title: { fr: '10 messages sans clé', en: '10 records without a key' },
  points: 2,
  hint: {
    fr: 'Étape 2 du TP : produisez 10 messages sans clé (key absente ou null). Sans clé, le partitionneur choisit la partition (round-robin ou sticky).',
    en: 'Step 2 of the lab: produce 10 records without a key (no key, or null). Without a key the partitioner picks the partition (round-robin or sticky).',
  },
  async observe(_ctx, prepared) {
    const s = await prepared.snapshot();
    const unkeyed = s.records.filter((r) => r.key === null);
    const distinct = new Set(unkeyed.map((r) => r.value));
    const unkeyedByPartition: Record<number, number> = {};
    for (const r of unkeyed) unkeyedByPartition[r.partition] = (unkeyedByPartition[r.partition] ?? 0) + 1;
    return {
      topic: s.topic,
      exists: s.exists,
      unkeyedCount: distinct.size,
      duplicateCopies: unkeyed.length - distinct.size,
      unkeyedByPartition,
    };
  },
  judge: judgeUnkeyed,
};
