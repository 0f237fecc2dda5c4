import { delay, waitFor } from '../../../core/wait-for.js';
import type { CheckDefinition, Judgement } from '../../../engine/exercise.js';
import { topicConfigs } from '../../../kit/readers/topic-config.js';
import { EX6_RULES } from '../contract.js';
import { distinctWords, unfilteredCounts } from '../input.js';
import type { Ex6Prepared } from '../prepare.js';
import { committedOn, countOf, isCaughtUp, lastValues, showRaw, type Progress } from '../progress.js';
import { fail, pass } from '../../../kit/judging/judgement.js';

/* ---------- changelog-compacted ---------- */

export interface ChangelogObs {
  applicationId: string;
  input: string;
  /** Input offsets the application's group (named by its application.id) committed, summed. */
  committedInput: number;
  /** Topics `<application.id>-...-changelog`: their cleanup.policy and how many records they hold. */
  changelogs: { topic: string; cleanupPolicy?: string; records: number }[];
  /** Other `-changelog` topics on the cluster (another application.id), for the diagnosis. */
  otherChangelogs: string[];
}

export function judgeChangelog(o: ChangelogObs): Judgement {
  const data = { ...o };
  const others = o.otherChangelogs.length
    ? {
        fr: ` (topics changelog vus : ${o.otherChangelogs.join(', ')})`,
        en: ` (changelog topics seen: ${o.otherChangelogs.join(', ')})`,
      }
    : { fr: '', en: '' };
  if (o.committedInput === 0) {
    return fail(
      {
        fr: `Le groupe « ${o.applicationId} » (l'application.id du contrat) n'a committé aucun offset sur « ${o.input} » : l'état de l'application n'est pas rangé sous son application.id${others.fr}.`,
        en: `Group "${o.applicationId}" (the contract's application.id) committed no offset on "${o.input}": the application's state is not kept under its application.id${others.en}.`,
      },
      data,
    );
  }
  if (o.changelogs.length === 0) {
    return fail(
      {
        fr: `Aucun topic ${o.applicationId}-<store>-changelog : le store des comptes n'est pas journalisé dans Kafka${others.fr}.`,
        en: `No topic ${o.applicationId}-<store>-changelog: the count store is not logged to Kafka${others.en}.`,
      },
      data,
    );
  }
  const good = o.changelogs.filter((c) => (c.cleanupPolicy ?? '').split(',').includes('compact') && c.records > 0);
  if (!good.length) {
    const c = o.changelogs[0]!;
    return fail(
      {
        fr: `« ${c.topic} » : cleanup.policy=${c.cleanupPolicy ?? '?'}, ${c.records} enregistrement(s) ; il faut un changelog compacté qui contient les comptes.`,
        en: `"${c.topic}": cleanup.policy=${c.cleanupPolicy ?? '?'}, ${c.records} record(s); a compacted changelog holding the counts is needed.`,
      },
      data,
    );
  }
  const c = good[0]!;
  return pass(
    {
      fr: `Changelog « ${c.topic} » : compacté (cleanup.policy=${c.cleanupPolicy}), ${c.records} enregistrement(s) ; le groupe « ${o.applicationId} » a committé l'entrée.`,
      en: `Changelog "${c.topic}": compacted (cleanup.policy=${c.cleanupPolicy}), ${c.records} record(s); group "${o.applicationId}" committed the input.`,
    },
    data,
  );
}

export const changelogCompacted: CheckDefinition<Ex6Prepared, ChangelogObs> = {
  id: 'changelog-compacted',
  title: {
    fr: 'Les comptes sont journalisés dans un topic compacté',
    en: 'The counts are logged to a compacted topic',
  },
  points: 2,
  hint: {
    fr: "Cours 004 : « Qu'est-ce qu'une KTable ? Qu'est-ce qu'un topic compacté ? » Kafka Streams journalise chaque store dans le topic compacté <application.id>-<store>-changelog (ne le désactivez pas : withLoggingDisabled) et range ses offsets sous le groupe <application.id> : gardez l'application.id du contrat.",
    en: 'Course 004: "What is a KTable? What is a compacted topic?" Kafka Streams logs each store to the compacted topic <application.id>-<store>-changelog (do not disable it: withLoggingDisabled) and keeps its offsets under the group <application.id>: keep the contract\'s application.id.',
  },
  async observe(ctx, prepared) {
    const { app } = prepared;
    await prepared.batch();
    const admin = await ctx.stack.admin();
    const progress = await app.progress();
    const topics = await admin.listTopics();
    const mine = topics.filter((t) => t.startsWith(`${app.applicationId}-`) && t.endsWith('-changelog')).sort();
    const changelogs: ChangelogObs['changelogs'] = [];
    for (const topic of mine) {
      const cfg = await topicConfigs(ctx.stack, topic, ['cleanup.policy']);
      const offsets = await ctx.stack.topicOffsets(topic);
      changelogs.push({
        topic,
        cleanupPolicy: cfg['cleanup.policy']?.value,
        records: offsets.reduce((s, p) => s + Number(p.high) - Number(p.low), 0),
      });
    }
    return {
      applicationId: app.applicationId,
      input: app.topics.input,
      committedInput: committedOn(progress, app.topics.input),
      changelogs,
      otherChangelogs: topics.filter((t) => t.endsWith('-changelog') && !mine.includes(t)).slice(0, 5),
    };
  },
  judge: judgeChangelog,
};

/* ---------- counts-survive-restart ---------- */

export interface RestartObs {
  /** A word of kept messages whose published count was the expected one before the kill (none: nothing to carry over). */
  word?: string;
  before?: number;
  /** A word never written before, in the same message after the restart. */
  newWord?: string;
  /** The last counts published after the restart (undefined: none). */
  afterWord?: string | null;
  afterNew?: string | null;
  caughtUpBeforeKill?: boolean;
  /** Input records deleted before the restart (processed and committed, as retention would delete them). */
  inputDeleted?: number;
  /** kill -9 to the restarted instance's ready line, then to its counts. */
  restartMs?: number;
  countMs?: number;
  /** The counts came with a clean stop of the restarted instance (they were held past the spec's latency). */
  stoppedForCounts?: boolean;
}

export function judgeRestart(o: RestartObs): Judgement {
  const data = { ...o };
  if (o.word === undefined || o.before === undefined) {
    return fail(
      {
        fr: "Impossible de juger : aucun mot des messages gardés n'avait son compte exact avant l'arrêt (voir « word-counts ») : pas de compte à retrouver après un redémarrage.",
        en: 'Cannot judge: no word of the kept messages had its exact count before the stop (see "word-counts"): there is no count to find again after a restart.',
      },
      data,
    );
  }
  const msg = `${o.word} ${o.newWord}`;
  const restart = {
    fr: `redémarrage en ${((o.restartMs ?? 0) / 1000).toFixed(1)} s`,
    en: `restarted in ${((o.restartMs ?? 0) / 1000).toFixed(1)} s`,
  };
  if (o.afterWord === undefined && o.afterNew === undefined) {
    return fail(
      {
        fr: `Après le kill -9 et le ${restart.fr}, le message « ${msg} » n'a produit aucun compte en ${EX6_RULES.restartCountTimeoutMs / 1000} s.`,
        en: `After the kill -9 and ${restart.en}, the message "${msg}" produced no count within ${EX6_RULES.restartCountTimeoutMs / 1000} s.`,
      },
      data,
    );
  }
  const after = countOf(o.afterWord);
  if (after === o.before + 1) {
    return pass(
      {
        fr: `kill -9, ${restart.fr} avec un dossier d'état vide : « ${o.word} » passe de ${o.before} à ${after} (l'état revient du changelog).`,
        en: `kill -9, ${restart.en} with an empty state folder: "${o.word}" goes from ${o.before} to ${after} (the state comes back from the changelog).`,
      },
      data,
    );
  }
  if (o.afterWord === undefined) {
    return fail(
      {
        fr: `Après le kill -9 et le ${restart.fr}, « ${o.word} » (compte ${o.before} avant) n'a reçu aucun nouveau compte pour le message « ${msg} » (« ${o.newWord} » : ${showRaw(o.afterNew)}).`,
        en: `After the kill -9 and ${restart.en}, "${o.word}" (count ${o.before} before) got no new count for the message "${msg}" ("${o.newWord}": ${showRaw(o.afterNew)}).`,
      },
      data,
    );
  }
  if (after === 1) {
    return fail(
      {
        fr: `Les comptes repartent de 1 : « ${o.word} » valait ${o.before} avant le kill -9, 1 après le ${restart.fr} (attendu ${o.before + 1}) ; l'état n'a pas été restauré depuis Kafka.`,
        en: `Counts start again from 1: "${o.word}" was ${o.before} before the kill -9, 1 after it ${restart.en} (expected ${o.before + 1}); the state was not restored from Kafka.`,
      },
      data,
    );
  }
  return fail(
    {
      fr: `« ${o.word} » valait ${o.before} avant le kill -9, ${after ?? showRaw(o.afterWord)} après le ${restart.fr} (attendu ${o.before + 1}).`,
      en: `"${o.word}" was ${o.before} before the kill -9, ${after ?? showRaw(o.afterWord)} after it ${restart.en} (expected ${o.before + 1}).`,
    },
    data,
  );
}

export const countsSurviveRestart: CheckDefinition<Ex6Prepared, RestartObs> = {
  id: 'counts-survive-restart',
  title: { fr: 'Les comptes survivent à un kill -9 et un redémarrage', en: 'Counts survive a kill -9 and a restart' },
  points: 4,
  hint: {
    fr: "Cours 004 : « Comment l'état de la KTable est-il sauvegardé ? » Un application.id stable (le même à chaque démarrage) et le changelog du store : au redémarrage, Kafka Streams restaure la KTable depuis le changelog, même sans dossier d'état local, puis reprend aux offsets committés.",
    en: 'Course 004: "How is the KTable\'s state saved?" A stable application.id (the same at every start) and the store\'s changelog: on restart Kafka Streams restores the KTable from the changelog, even without a local state folder, then resumes from the committed offsets.',
  },
  async observe(ctx, prepared) {
    const { app } = prepared;
    const b = await prepared.batch();
    const published = app.publishedCounts();
    const exact = b.input.cleanOnly
      .filter((w) => countOf(published.get(w)) === b.expected.get(w))
      .sort((x, y) => b.expected.get(y)! - b.expected.get(x)! || x.localeCompare(y));
    if (!exact.length) return {};
    const word = exact[0]!;
    const before = b.expected.get(word)!;
    const [newWord] = distinctWords(ctx.rng, 1, new Set(unfilteredCounts(b.input.messages).keys()));
    // What feeds the counts (the input, the repartition topic) is committed: a restart re-counts nothing. The
    // statuses the join read are not waited for: a replay of them re-emits joined records, never a count, and an
    // application that commits rarely would hold this wait until its next commit.
    const feedsCounts = (p: Progress): Progress => ({ topics: p.topics.filter((x) => x.topic !== app.topics.status) });
    const settled = await app.waitCaughtUp(
      20_000,
      (p) => isCaughtUp(feedsCounts(p), app.topics.input),
      app.countsQuietFor(2000),
    );
    const t = performance.now();
    await app.stopAll('kill');
    // The processed input goes, as retention would delete it: the counts must come back from the changelog.
    const admin = await ctx.stack.admin();
    const ends = (await ctx.stack.topicOffsets(app.topics.input)).filter((p) => Number(p.high) > Number(p.low));
    const inputDeleted = ends.reduce((s, p) => s + Number(p.high) - Number(p.low), 0);
    if (ends.length)
      await admin.deleteTopicRecords({
        topic: app.topics.input,
        partitions: ends.map((p) => ({ partition: p.partition, offset: p.high })),
      });
    const seenBefore = app.counts.records().length;
    await app.start('app (after kill -9)');
    const restartMs = Math.round(performance.now() - t);
    const t2 = performance.now();
    await app.produce(app.topics.input, [{ key: `key${ctx.rng.int(5000, 10_000)}`, value: `${word} ${newWord}` }]);
    const after = () => lastValues(app.countRecords().slice(seenBefore));
    const counted = () => after().has(word) && after().has(newWord!);
    const waitCounted = (ms: number) => waitFor(counted, { timeoutMs: ms, intervalMs: 100 }).catch(() => undefined);
    let stoppedForCounts = false;
    if (b.stoppedForCountsAfterMs !== undefined) {
      // The batch's counts were held past the spec's latency (word-counts charges it): past that latency here too,
      // a clean stop publishes what the application holds instead of waiting for its next commit. Nothing
      // published at the stop (the probe not processed yet): a new instance gets the rest of the time.
      await waitCounted(EX6_RULES.countsLatencyMs);
      if (!counted()) {
        await app.stopAll('stop');
        await waitCounted(3000);
        stoppedForCounts = counted();
        if (!stoppedForCounts) await app.start('app (after a clean stop: counts held past the latency)');
      }
    }
    await waitCounted(Math.max(0, EX6_RULES.restartCountTimeoutMs - (performance.now() - t2)));
    const countMs = Math.round(performance.now() - t2);
    // A later update of the same keys (a replay) would come within a commit interval.
    await delay(EX6_RULES.replayWatchMs);
    if (!stoppedForCounts) app.assertAlive();
    const last = after();
    return {
      word,
      before,
      newWord,
      afterWord: last.get(word),
      afterNew: last.get(newWord!),
      caughtUpBeforeKill: settled.caughtUp,
      inputDeleted,
      restartMs,
      countMs,
      ...(stoppedForCounts ? { stoppedForCounts } : {}),
    };
  },
  judge: judgeRestart,
};
