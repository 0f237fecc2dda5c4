import type { CheckDefinition, Judgement } from '../../../engine/exercise.js';
import type { Localized } from '../../../model/verdict.js';
import { observeEx2, type Ex2Prepared } from '../prepare.js';
import { describeAnswers, type Placement } from '../traffic.js';
import { fail, pass } from '../../../kit/judging/judgement.js';

export const KEYS = 10;
export const PER_KEY = 8;

export interface KeyOrderObs {
  endpoint: string;
  /** Per key, its notifications in the order they were sent. */
  byKey: Record<string, Pick<Placement, 'partition' | 'offset'>[]>;
  /** What the endpoint answered (said when nothing arrived). */
  answers?: Localized;
}

export function judgeKeyOrder(o: KeyOrderObs): Judgement {
  const all = Object.values(o.byKey).flat();
  if (all.length > 0 && all.every((s) => s.partition === undefined)) {
    const a = o.answers ? { fr: ` (${o.answers.fr})`, en: ` (${o.answers.en})` } : { fr: '', en: '' };
    return fail(
      {
        fr: `Aucune des ${all.length} notifications envoyées par ${o.endpoint} n'est arrivée sur le topic${a.fr} : pas d'ordre à observer.`,
        en: `None of the ${all.length} notifications sent through ${o.endpoint} reached the topic${a.en}: there is no order to observe.`,
      },
      { ...o },
    );
  }
  const problems: { key: string; fr: string; en: string }[] = [];
  for (const [key, seq] of Object.entries(o.byKey)) {
    const missing = seq.filter((s) => s.partition === undefined).length;
    if (missing) {
      problems.push({
        key,
        fr: `clé ${key} : ${missing} message(s) jamais arrivé(s)`,
        en: `key ${key}: ${missing} record(s) never arrived`,
      });
      continue;
    }
    const partitions = [...new Set(seq.map((s) => s.partition))];
    if (partitions.length > 1) {
      problems.push({
        key,
        fr: `clé ${key} répartie sur les partitions ${partitions.join(', ')}`,
        en: `key ${key} spread over partitions ${partitions.join(', ')}`,
      });
      continue;
    }
    const outOfOrder = seq.findIndex((s, i) => i > 0 && s.offset! <= seq[i - 1]!.offset!);
    if (outOfOrder > 0)
      problems.push({
        key,
        fr: `clé ${key} : le message n°${outOfOrder + 1} est avant le n°${outOfOrder} (offsets ${seq.map((s) => s.offset).join(', ')})`,
        en: `key ${key}: record #${outOfOrder + 1} is before #${outOfOrder} (offsets ${seq.map((s) => s.offset).join(', ')})`,
      });
  }
  const data = { ...o, problems: problems.map((p) => p.en) };
  if (problems.length) {
    return fail(
      {
        fr: `Ordre par clé non garanti : ${problems
          .slice(0, 3)
          .map((p) => p.fr)
          .join(' ; ')}.`,
        en: `Per-key order not kept: ${problems
          .slice(0, 3)
          .map((p) => p.en)
          .join('; ')}.`,
      },
      data,
    );
  }
  const n = Object.keys(o.byKey).length;
  return pass(
    {
      fr: `Les ${n} clés restent chacune sur une partition, messages dans l'ordre d'envoi.`,
      en: `Each of the ${n} keys stays on one partition, records in send order.`,
    },
    data,
  );
}

export const keyOrder: CheckDefinition<Ex2Prepared, KeyOrderObs> = {
  id: 'key-order',
  title: { fr: "Même clé, même partition, dans l'ordre", en: 'Same key, same partition, in order' },
  points: 2,
  hint: {
    fr: "Kafka ne garantit l'ordre qu'à l'intérieur d'une partition : un partitionneur qui envoie une même clé sur plusieurs partitions (round-robin, aléatoire) perd l'ordre des notifications d'un utilisateur.",
    en: "Kafka only keeps order within a partition: a partitioner that sends one key to several partitions (round-robin, random) loses the order of a user's notifications.",
  },
  observe: (ctx, prepared) =>
    observeEx2(ctx, prepared, 'key-order', async ({ app }) => {
      const keys = Array.from({ length: KEYS }, () => `u-${ctx.rng.id(8)}`);
      const notifications = Array.from({ length: PER_KEY }, () => keys.map((k) => app.notification('LIKE', k))).flat();
      // Each key's notifications in turn (its send order is known), the ten keys side by side.
      const placements = await prepared.send('async', notifications, 'per-key');
      const byKey: KeyOrderObs['byKey'] = {};
      for (const p of placements) (byKey[p.key] ??= []).push({ partition: p.partition, offset: p.offset });
      return { endpoint: app.describeEndpoint('async'), byKey, answers: describeAnswers(placements) };
    }),
  judge: judgeKeyOrder,
};
