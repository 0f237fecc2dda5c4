import { delay, waitFor } from '../../../core/wait-for.js';
import type { CheckDefinition, Judgement } from '../../../engine/exercise.js';
import { EX6_RULES } from '../contract.js';
import type { Ex6Prepared } from '../prepare.js';
import { countOf, showRaw } from '../progress.js';
import { fail, pass } from '../../../kit/judging/judgement.js';

/** The value the join must emit for a count and a status: `(6, active)`. Pure. */
export function joinedValue(count: number, status: string): string {
  return `(${count}, ${status})`;
}

export interface JoinObs {
  joinedTopic: string;
  /** Status records for keys with a published count, and that count when they were written. */
  sent: { key: string; status: string; count: number }[];
  /** A status record for a key that has no count. */
  absent: { key: string; status: string };
  /** Records on the joined topic for those keys. */
  joined: { key: string; value: string | null }[];
  /** Records on the joined topic for other keys. */
  otherRecords: number;
  /** Words with a value on the counts topic, decodable or not (absent in older observations: 0). */
  publishedWords?: number;
}

export function judgeJoin(o: JoinObs): Judgement {
  const data = { ...o, joined: o.joined.slice(0, 20) };
  if (o.sent.length === 0) {
    const summary = o.publishedWords
      ? {
          fr: `Impossible de juger : aucune des valeurs publiées pour ${o.publishedWords} mot(s) ne se lit comme un compte (ni nombre décimal ni long de 8 octets, voir « word-counts ») : pas de compte connu à attendre dans la jointure.`,
          en: `Cannot judge: none of the values published for ${o.publishedWords} word(s) reads as a count (neither a decimal number nor an 8-byte long, see "word-counts"): no known count to expect in the join.`,
        }
      : {
          fr: "Aucun mot n'a de compte publié (voir « word-counts ») : la jointure n'a aucune valeur de la KTable à ajouter.",
          en: 'No word has a published count (see "word-counts"): the join has no KTable value to add.',
        };
    return fail(summary, data);
  }
  const problems: { fr: string; en: string }[] = [];
  for (const s of o.sent) {
    const want = joinedValue(s.count, s.status);
    const got = o.joined.filter((j) => j.key === s.key).map((j) => j.value);
    if (got.includes(want)) continue;
    problems.push(
      got.length
        ? {
            fr: `clé « ${s.key} » (compte ${s.count}, statut « ${s.status} ») : ${got.map((g) => showRaw(g)).join(', ')} au lieu de "${want}"`,
            en: `key "${s.key}" (count ${s.count}, status "${s.status}"): ${got.map((g) => showRaw(g)).join(', ')} instead of "${want}"`,
          }
        : {
            fr: `clé « ${s.key} » (compte ${s.count}, statut « ${s.status} ») : aucun enregistrement joint (attendu "${want}")`,
            en: `key "${s.key}" (count ${s.count}, status "${s.status}"): no joined record (expected "${want}")`,
          },
    );
  }
  const leaked = o.joined.filter((j) => j.key === o.absent.key);
  if (leaked.length) {
    problems.push({
      fr: `clé « ${o.absent.key} », sans compte : ${leaked.map((l) => showRaw(l.value)).join(', ')} alors qu'une jointure interne n'émet rien`,
      en: `key "${o.absent.key}", which has no count: ${leaked.map((l) => showRaw(l.value)).join(', ')} where an inner join emits nothing`,
    });
  }
  if (problems.length) {
    return fail(
      {
        fr: `Jointure sur « ${o.joinedTopic} » : ${problems.map((p) => p.fr).join(' ; ')}.`,
        en: `Join on "${o.joinedTopic}": ${problems.map((p) => p.en).join('; ')}.`,
      },
      data,
    );
  }
  const ex = o.sent[0]!;
  return pass(
    {
      fr: `Les ${o.sent.length} statuts sont joints au compte courant de leur clé (par ex. « ${ex.key} » -> "${joinedValue(ex.count, ex.status)}") ; la clé sans compte ne produit rien.`,
      en: `The ${o.sent.length} statuses are joined with their key's current count (e.g. "${ex.key}" -> "${joinedValue(ex.count, ex.status)}"); the key without a count produces nothing.`,
    },
    data,
  );
}

const STATUSES = ['active', 'inactive', 'pending', 'blocked'] as const;

export const joinStatus: CheckDefinition<Ex6Prepared, JoinObs> = {
  id: 'join-status',
  title: {
    fr: 'Jointure KTable-KStream des statuts avec les comptes',
    en: 'KTable-KStream join of statuses with the counts',
  },
  points: 3,
  hint: {
    fr: 'Cours 004 : joignez un nouveau KStream (le topic des statuts) à la KTable des comptes, sur la même clé : clé "value10", valeur "active", compte 6 -> "(6, active)". Jointure interne (join, pas leftJoin) : une clé sans compte ne produit rien.',
    en: 'Course 004: join a new KStream (the status topic) with the KTable of counts, on the same key: key "value10", value "active", count 6 -> "(6, active)". Inner join (join, not leftJoin): a key without a count produces nothing.',
  },
  async observe(ctx, prepared) {
    const { app } = prepared;
    const b = await prepared.batch();
    const published = app.publishedCounts();
    const counted = (w: string) => countOf(published.get(w)) !== undefined;
    // Words of kept messages first (their counts are settled), then any key the application counted.
    const keys = [
      ...b.input.cleanOnly.filter(counted),
      ...[...published.keys()].filter((k) => !b.input.cleanOnly.includes(k) && counted(k)),
    ].slice(0, 3);
    const sent = keys.map((key) => ({ key, status: ctx.rng.pick(STATUSES), count: countOf(published.get(key))! }));
    const absent = { key: `value${ctx.rng.int(10, 100)}-${ctx.rng.id(4)}`, status: ctx.rng.pick(STATUSES) };
    const mine = () =>
      app.joinedRecords().filter((r) => r.key !== null && (r.key === absent.key || keys.includes(r.key)));
    if (sent.length) {
      await app.produce(app.topics.status, [
        ...sent.map((s) => ({ key: s.key, value: s.status })),
        { key: absent.key, value: absent.status },
      ]);
      await waitFor(() => keys.every((k) => mine().some((r) => r.key === k)), {
        timeoutMs: EX6_RULES.joinTimeoutMs,
        intervalMs: 100,
      }).catch(() => undefined);
      // The key without a count was written with the others: what a left join emits for it has come by now.
      await delay(EX6_RULES.joinGraceMs);
      app.assertAlive();
    }
    const joined = mine().map((r) => ({ key: r.key!, value: r.value }));
    return {
      joinedTopic: app.topics.joined,
      sent,
      absent,
      joined,
      otherRecords: app.joinedRecords().length - joined.length,
      publishedWords: published.size,
    };
  },
  judge: judgeJoin,
};
