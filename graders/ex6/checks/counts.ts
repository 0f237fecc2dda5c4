import { delay } from '../../../core/wait-for.js';
import type { CheckDefinition, Judgement } from '../../../engine/exercise.js';
import { EX6_RULES } from '../contract.js';
import { unfilteredCounts } from '../input.js';
import type { Ex6Prepared } from '../prepare.js';
import { committedOn, countOf, decodeCount, showRaw } from '../progress.js';
import { fail, pass } from '../../../kit/judging/judgement.js';

/** A word whose last published count is not the oracle's. */
export interface CountMismatch {
  word: string;
  expected: number;
  /** The last value on the counts topic (undefined: no record for this word). */
  published?: string | null;
}

/**
 * Words whose last published count differs from `expected` (no record, another number, not a number). The
 * value is decoded whatever its format (decimal string or Serdes.Long's 8 bytes): the format is judged apart. Pure.
 */
export function countMismatches(
  expected: Record<string, number>,
  published: Record<string, string | null>,
): CountMismatch[] {
  const out: CountMismatch[] = [];
  for (const [word, n] of Object.entries(expected)) {
    if (!(word in published)) out.push({ word, expected: n });
    else if (countOf(published[word]) !== n) out.push({ word, expected: n, published: published[word] });
  }
  return out;
}

/** A published value for a message: its count when it decodes (any format), else the raw value, escaped. Pure. */
export function shownCount(raw: string | null | undefined): string {
  const n = countOf(raw);
  return n !== undefined ? String(n) : showRaw(raw);
}

function describeMismatch(m: CountMismatch): { fr: string; en: string } {
  if (m.published === undefined)
    return {
      fr: `« ${m.word} » : aucun compte (attendu ${m.expected})`,
      en: `"${m.word}": no count (expected ${m.expected})`,
    };
  const d = decodeCount(m.published);
  if (d === undefined)
    return {
      fr: `« ${m.word} » : valeur ${showRaw(m.published)}, ni un nombre décimal ni un long de 8 octets (attendu "${m.expected}")`,
      en: `"${m.word}": value ${showRaw(m.published)}, neither a decimal number nor an 8-byte long (expected "${m.expected}")`,
    };
  return {
    fr: `« ${m.word} » : ${d.count} (attendu ${m.expected})`,
    en: `"${m.word}": ${d.count} (expected ${m.expected})`,
  };
}

/* ---------- word-counts ---------- */

export interface WordCountsObs {
  counts: string;
  messages: number;
  /** Messages without "filter". */
  kept: number;
  /** The oracle on the words met only in kept messages. */
  expected: Record<string, number>;
  /** Last published value of each of those words that has one. */
  published: Record<string, string | null>;
  /** Every record on the counts topic. */
  countRecords: number;
  caughtUp: boolean;
  settleMs: number;
  /** From the batch's acknowledgement to the last of those words' right count on the topic (undefined: never all right). */
  latencyMs?: number;
  latencyLimitMs: number;
  /** A line of the application's output that states its commit.interval.ms (Kafka Streams logs its config at INFO). */
  commitIntervalLog?: string;
  /** Counts still held this long after writing (past the latency): the grader stopped the application cleanly, which published them. */
  stoppedForCountsAfterMs?: number;
}

/**
 * How long the counts took to reach the topic: from `writtenAtMs` to the first record carrying each word's
 * expected count (decoded, any format), the slowest word. Undefined when a word never got its count. Pure.
 */
export function countsLatencyMs(
  records: readonly { key: string | null; value: string | null; seenAtMs: number }[],
  expected: Record<string, number>,
  writtenAtMs: number,
): number | undefined {
  let last = writtenAtMs;
  for (const [word, n] of Object.entries(expected)) {
    const first = records.find((r) => r.key === word && countOf(r.value) === n);
    if (!first) return undefined;
    last = Math.max(last, first.seenAtMs);
  }
  return last - writtenAtMs;
}

/** The first line of a solution's output that states its commit.interval.ms (`commit.interval.ms = 30000`). Pure. */
export function commitIntervalLine(output: string): string | undefined {
  return output
    .split('\n')
    .find((l) => /commit\.interval\.ms\s*[=:]\s*\d+/.test(l))
    ?.trim()
    .slice(0, 200);
}

export function judgeWordCounts(o: WordCountsObs): Judgement {
  const mismatches = countMismatches(o.expected, o.published);
  const words = Object.keys(o.expected).length;
  const data = { ...o, mismatches: mismatches.slice(0, 20), mismatchCount: mismatches.length };
  if (o.countRecords === 0) {
    const settle = o.caughtUp
      ? { fr: 'son groupe a pourtant tout committé', en: 'yet its group committed everything' }
      : { fr: `en ${Math.round(o.settleMs / 1000)} s`, en: `within ${Math.round(o.settleMs / 1000)} s` };
    return fail(
      {
        fr: `Aucun enregistrement sur le topic des comptes « ${o.counts} » après les ${o.messages} messages écrits (${settle.fr}).`,
        en: `No record on the counts topic "${o.counts}" after the ${o.messages} messages written (${settle.en}).`,
      },
      data,
    );
  }
  if (mismatches.length) {
    const shown = mismatches.slice(0, 4).map(describeMismatch);
    return fail(
      {
        fr: `${mismatches.length} mot(s) sur ${words} (présents seulement dans des messages sans « filter ») n'ont pas le bon compte : ${shown.map((s) => s.fr).join(' ; ')}.`,
        en: `${mismatches.length} of ${words} words (met only in messages without "filter") do not have the right count: ${shown.map((s) => s.en).join('; ')}.`,
      },
      data,
    );
  }
  const problems: { fr: string; en: string }[] = [];
  const longs = Object.keys(o.expected).filter((w) => decodeCount(o.published[w])?.format === 'long');
  if (longs.length) {
    const w = longs[0]!;
    problems.push({
      fr: `les valeurs sont des longs de 8 octets big-endian (Serdes.Long), pas des nombres décimaux en texte : ${longs.length} mot(s) sur ${words}, par ex. « ${w} » : ${showRaw(o.published[w])} (= ${o.expected[w]}, attendu "${o.expected[w]}")`,
      en: `the values are 8-byte big-endian longs (Serdes.Long), not decimal strings: ${longs.length} of ${words} words, e.g. "${w}": ${showRaw(o.published[w])} (= ${o.expected[w]}, expected "${o.expected[w]}")`,
    });
  }
  const s = (ms: number) => (ms / 1000).toFixed(1);
  // Every word has its right count here, so the latency is known (undefined only with a mismatch, judged above).
  if (o.latencyMs !== undefined && o.latencyMs > o.latencyLimitMs) {
    const took = { fr: `${s(o.latencyMs)} s`, en: `${s(o.latencyMs)} s` };
    const log = o.commitIntervalLog
      ? { fr: ` ; son journal indique « ${o.commitIntervalLog} »`, en: `; its log says "${o.commitIntervalLog}"` }
      : { fr: '', en: '' };
    const stop =
      o.stoppedForCountsAfterMs === undefined
        ? { fr: '', en: '' }
        : {
            fr: ` ; ${s(o.stoppedForCountsAfterMs)} s après l'écriture, des comptes manquaient encore : le grader a arrêté l'application proprement (close() publie ce qu'elle retient) plutôt que d'attendre son prochain commit`,
            en: `; ${s(o.stoppedForCountsAfterMs)} s after writing some counts were still missing: the grader stopped the application cleanly (close() publishes what it holds) rather than wait for its next commit`,
          };
    problems.push({
      fr: `les comptes sont arrivés sur « ${o.counts} » ${took.fr} après l'écriture des messages, le contrat demande ${s(o.latencyLimitMs)} s au plus : Kafka Streams publie les comptes en cache de la KTable à chaque commit, toutes les commit.interval.ms (1000 ms au plus selon le contrat ; la valeur par défaut, 30 s, les retient jusqu'à 30 s)${log.fr}${stop.fr}`,
      en: `the counts reached "${o.counts}" ${took.en} after the messages were written, where the contract asks ${s(o.latencyLimitMs)} s at most: Kafka Streams publishes the KTable's cached counts at each commit, every commit.interval.ms (1000 ms at most by the contract; the default, 30 s, holds them up to 30 s)${log.en}${stop.en}`,
    });
  }
  if (problems.length) {
    return fail(
      {
        fr: `Les ${words} mots des ${o.kept} messages gardés ont le bon compte, mais ${problems.map((p) => p.fr).join(' ; et ')}.`,
        en: `The ${words} words of the ${o.kept} kept messages have the right count, but ${problems.map((p) => p.en).join('; and ')}.`,
      },
      data,
    );
  }
  return pass(
    {
      fr: `Les ${words} mots des ${o.kept} messages gardés ont leur compte exact (dernière valeur par clé sur « ${o.counts} »), publié ${s(o.latencyMs ?? 0)} s après l'écriture des messages.`,
      en: `The ${words} words of the ${o.kept} kept messages have their exact count (last value per key on "${o.counts}"), published ${s(o.latencyMs ?? 0)} s after the messages were written.`,
    },
    data,
  );
}

export const wordCounts: CheckDefinition<Ex6Prepared, WordCountsObs> = {
  id: 'word-counts',
  title: { fr: 'Comptage exact des mots', en: 'Exact word counts' },
  points: 3,
  hint: {
    fr: 'Cours 004, Kafka Streams : séparez chaque message en mots (flatMapValues), regroupez par mot (groupBy, qui repartitionne : les messages ne sont pas clés par mot) puis count() ; publiez la KTable (toStream().mapValues(String::valueOf).to(...)) avec des valeurs texte ("6", pas les 8 octets de Serdes.Long), avec commit.interval.ms à 1000 ou moins pour qu\'elles arrivent en quelques secondes.',
    en: 'Course 004, Kafka Streams: split each message into words (flatMapValues), group by word (groupBy, which repartitions: messages are not keyed by word), then count(); publish the KTable (toStream().mapValues(String::valueOf).to(...)) with text values ("6", not Serdes.Long\'s 8 bytes), with commit.interval.ms at 1000 or less so they arrive within seconds.',
  },
  async observe(ctx, prepared) {
    const { app } = prepared;
    const b = await prepared.batch();
    // Judged a moment after the batch settled: counts that keep moving with no new input (a re-read) are not exact.
    await delay(EX6_RULES.stableMs);
    const published = app.publishedCounts();
    const countRecords = app.counts.records().length;
    if (countRecords === 0 && committedOn(b.settled.progress, app.topics.input) === 0) {
      ctx.markDead({
        fr: `aucun compte sur « ${app.topics.counts} » et aucun offset committé par le groupe « ${app.applicationId} » sur « ${app.topics.input} » ${Math.round(b.settled.ms / 1000)} s après l'écriture des ${b.input.messages.length} messages`,
        en: `no count on "${app.topics.counts}" and no offset committed by group "${app.applicationId}" on "${app.topics.input}" ${Math.round(b.settled.ms / 1000)} s after the ${b.input.messages.length} messages were written`,
      });
    }
    const expected = Object.fromEntries(b.input.cleanOnly.map((w) => [w, b.expected.get(w)!]));
    const output = app
      .running()
      .map((p) => `${p.stdoutText()}\n${p.stderrText()}`)
      .join('\n');
    return {
      counts: app.topics.counts,
      messages: b.input.messages.length,
      kept: b.input.messages.filter((m) => !m.value.includes(EX6_RULES.filterWord)).length,
      expected,
      published: Object.fromEntries(
        b.input.cleanOnly.filter((w) => published.has(w)).map((w) => [w, published.get(w)!]),
      ),
      countRecords,
      caughtUp: b.settled.caughtUp,
      settleMs: b.settled.ms,
      latencyMs: countsLatencyMs(app.countRecords(), expected, b.writtenAtMs),
      latencyLimitMs: EX6_RULES.countsLatencyMs,
      commitIntervalLog: commitIntervalLine(output),
      ...(b.stoppedForCountsAfterMs !== undefined ? { stoppedForCountsAfterMs: b.stoppedForCountsAfterMs } : {}),
    };
  },
  judge: judgeWordCounts,
};

/* ---------- filter-messages ---------- */

export interface FilterObs {
  /** Words met only in messages containing "filter", and how often (what a missing filter would count). */
  filterOnly: Record<string, number>;
  /** Words met in both: their count without the dropped messages, and with them. */
  mixed: Record<string, { expected: number; unfiltered: number }>;
  /** Last published value of each of those words that has one. */
  published: Record<string, string | null>;
  /** Words of kept messages only that have a published count: the counting works at all. */
  cleanCounted: number;
  cleanWords: number;
}

export function judgeFilter(o: FilterObs): Judgement {
  const data = { ...o };
  if (o.cleanCounted === 0) {
    return fail(
      {
        fr: `Aucun des ${o.cleanWords} mots présents seulement dans des messages sans « filter » n'a de compte publié : rien ne montre un filtre qui garde ces messages et écarte les autres.`,
        en: `None of the ${o.cleanWords} words met only in messages without "filter" has a published count: nothing shows a filter that keeps those messages and drops the others.`,
      },
      data,
    );
  }
  const counted = Object.keys(o.filterOnly).filter((w) => o.published[w] !== undefined && o.published[w] !== null);
  const wrongMixed = Object.entries(o.mixed).filter(([w, m]) => countOf(o.published[w]) !== m.expected);
  if (counted.length || wrongMixed.length) {
    const parts: { fr: string; en: string }[] = [];
    for (const w of counted.slice(0, 3))
      parts.push({
        fr: `« ${w} », présent seulement dans des messages contenant « filter », a le compte ${shownCount(o.published[w])}`,
        en: `"${w}", met only in messages containing "filter", has count ${shownCount(o.published[w])}`,
      });
    for (const [w, m] of wrongMixed.slice(0, 3)) {
      const got = w in o.published ? shownCount(o.published[w]) : 'none';
      parts.push({
        fr: `« ${w} » : ${got === 'none' ? 'aucun compte' : got} (attendu ${m.expected} ; ${m.unfiltered} en comptant les messages contenant « filter »)`,
        en: `"${w}": ${got === 'none' ? 'no count' : got} (expected ${m.expected}; ${m.unfiltered} counting the messages containing "filter")`,
      });
    }
    return fail(
      {
        fr: `Des messages contenant « filter » comptent encore : ${parts.map((p) => p.fr).join(' ; ')}.`,
        en: `Messages containing "filter" still count: ${parts.map((p) => p.en).join('; ')}.`,
      },
      data,
    );
  }
  return pass(
    {
      fr: `Les messages contenant « filter » ne comptent pas : aucun des ${Object.keys(o.filterOnly).length} mots présents seulement chez eux n'a de compte, les ${Object.keys(o.mixed).length} mots présents aussi ailleurs ont le compte des seuls messages gardés.`,
      en: `Messages containing "filter" contribute nothing: none of the ${Object.keys(o.filterOnly).length} words met only in them has a count, the ${Object.keys(o.mixed).length} words met elsewhere too have the count of the kept messages only.`,
    },
    data,
  );
}

export const filterMessages: CheckDefinition<Ex6Prepared, FilterObs> = {
  id: 'filter-messages',
  title: {
    fr: 'Les messages contenant « filter » ne comptent pas',
    en: 'Messages containing "filter" contribute nothing',
  },
  points: 3,
  hint: {
    fr: 'Cours 004 : « une fonction de filtre qui supprime chaque message contenant le mot "filter" ». Filtrez le message entier avant de le découper en mots, et utilisez le KStream que filter() renvoie (il ne modifie pas celui sur lequel il est appelé).',
    en: 'Course 004: "a filter function that removes every message containing the word filter". Filter the whole message before splitting it into words, and use the KStream filter() returns (it does not change the one it is called on).',
  },
  async observe(_ctx, prepared) {
    const b = await prepared.batch();
    const published = prepared.app.publishedCounts();
    const all = unfilteredCounts(b.input.messages);
    const words = [...b.input.filterOnly, ...b.input.mixed];
    return {
      filterOnly: Object.fromEntries(b.input.filterOnly.map((w) => [w, all.get(w)!])),
      mixed: Object.fromEntries(
        b.input.mixed.map((w) => [w, { expected: b.expected.get(w)!, unfiltered: all.get(w)! }]),
      ),
      published: Object.fromEntries(words.filter((w) => published.has(w)).map((w) => [w, published.get(w)!])),
      cleanCounted: b.input.cleanOnly.filter((w) => published.has(w)).length,
      cleanWords: b.input.cleanOnly.length,
    };
  },
  judge: judgeFilter,
};
