import { delay } from '../../../core/wait-for.js';
import type { CheckDefinition, Judgement } from '../../../engine/exercise.js';
import { fail, pass } from '../../../kit/judging/judgement.js';
import { checkHistory, type HistoryReport } from '../../../kit/judging/history.js';
import type { Eviction } from '../../../kit/faults/evict-members.js';
import { EX3_RULES } from '../contract.js';
import type { Ex3Prepared } from '../prepare.js';
import { settingFix } from '../../../kit/solution/client-settings.js';
import { solutionKafkaClients, type DetectedClient } from '../../../kit/solution/kafka-client.js';
import { lagChart } from '../../../kit/judging/charts.js';

/* ---------- commit-after-processing ---------- */

export interface CommitSample {
  /** When the committed offsets were known to be in place (after the fetch answered). */
  atMs: number;
  committed: Record<number, number>;
}

export interface CommitViolation {
  partition: number;
  /** Input offset committed past... */
  offset: number;
  committedAtLatestMs: number;
  /** ...processed only later (undefined: never processed). */
  processedAtMs?: number;
}

export interface CommitObs {
  group: string;
  /** Notifications of the timed batch, and how many were processed: no order to judge without processing. */
  batch?: number;
  batchProcessed?: number;
  samples: number;
  commitsSeen: boolean;
  violations: CommitViolation[];
  /** The Kafka clients the solution's dependency files declare (the fix is given in their terms). */
  clients?: DetectedClient[];
}

export function judgeCommitAfterProcessing(o: CommitObs): Judgement {
  const data = { ...o, violations: o.violations.slice(0, 15), violationCount: o.violations.length };
  if (o.batch !== undefined && o.batchProcessed === 0) {
    return fail(
      {
        fr: `Aucune des ${o.batch} notifications du lot n'a été traitée en 60 s : pas d'ordre entre commit et traitement à juger.`,
        en: `None of the ${o.batch} notifications of the batch was processed in 60 s: there is no order of commit and processing to judge.`,
      },
      data,
    );
  }
  if (!o.commitsSeen) {
    return fail(
      {
        fr: `Aucun offset committé par le groupe « ${o.group} » pendant le traitement (${o.samples} relevés) : sans commit, un redémarrage relit tout.`,
        en: `No offset committed by group "${o.group}" during processing (${o.samples} samples): without commits a restart reads everything again.`,
      },
      data,
    );
  }
  if (o.violations.length) {
    const v = o.violations[0]!;
    const late =
      v.processedAtMs === undefined
        ? { fr: 'jamais traité', en: 'never processed' }
        : {
            fr: `traité ${v.processedAtMs - v.committedAtLatestMs} ms plus tard`,
            en: `processed ${v.processedAtMs - v.committedAtLatestMs} ms later`,
          };
    const fix = settingFix('commit-after-processing', o.clients);
    return fail(
      {
        fr: `${o.violations.length} offset(s) committé(s) avant la fin du traitement : par ex. partition ${v.partition}, offset ${v.offset} committé puis ${late.fr}. Une panne à ce moment perd ce message (at-most-once).${fix.fr}`,
        en: `${o.violations.length} offset(s) committed before processing finished: e.g. partition ${v.partition}, offset ${v.offset} committed then ${late.en}. A crash at that moment loses the record (at-most-once).${fix.en}`,
      },
      data,
    );
  }
  return pass(
    {
      fr: `${o.samples} relevés des offsets committés : jamais en avance sur le traitement.`,
      en: `${o.samples} samples of committed offsets: never ahead of processing.`,
    },
    data,
  );
}

export const commitAfterProcessing: CheckDefinition<Ex3Prepared, CommitObs> = {
  id: 'commit-after-processing',
  title: { fr: 'Commit après traitement', en: 'Commit after processing' },
  points: 3,
  hint: {
    fr: "Commit manuel : committez l'offset d'un message seulement après l'avoir traité (at-least-once). Le commit automatique, ou un commit avant traitement, peut marquer comme lu un message qu'une panne empêche de traiter.",
    en: "Manual commit: commit a record's offset only after processing it (at-least-once). Auto-commit, or a commit before processing, can mark as read a record a crash then prevents from being processed.",
  },
  async observe(ctx, prepared) {
    const { app } = prepared;
    await prepared.warmup();
    const group = app.groups.general;
    const batch = await app.produce(
      Array.from({ length: EX3_RULES.commitBatch }, () => ctx.rng.pick(['LIKE', 'COMMENT'] as const)),
    );
    const samples: CommitSample[] = [];
    const ids = batch.map((b) => b.id);
    const t = performance.now();
    while (performance.now() - t < 60_000) {
      const committed = Object.fromEntries(await app.committed(group));
      samples.push({ atMs: Date.now(), committed });
      const seen = app.processedIds();
      if (ids.every((id) => seen.has(id))) break;
      await delay(100);
    }
    await delay(EX3_RULES.commitSettleMs);
    const processed = app.processed();
    const firstSent = new Map<string, number>();
    for (const p of processed)
      firstSent.set(
        `${p.partition}:${p.offset}`,
        Math.min(firstSent.get(`${p.partition}:${p.offset}`) ?? Infinity, p.sentAtMs),
      );
    const byOffset = new Map(batch.map((b) => [`${b.partition}:${b.offset}`, b]));
    const violations: CommitViolation[] = [];
    const reported = new Set<string>();
    for (const s of samples) {
      for (const [p, c] of Object.entries(s.committed)) {
        // Only this batch's records: their processing is timed by this check.
        for (const b of batch.filter((x) => x.partition === Number(p) && x.offset < c)) {
          const key = `${b.partition}:${b.offset}`;
          const sent = firstSent.get(key);
          if (!reported.has(key) && (sent === undefined || sent > s.atMs + 5) && byOffset.has(key)) {
            reported.add(key);
            violations.push({
              partition: b.partition,
              offset: b.offset,
              committedAtLatestMs: s.atMs,
              processedAtMs: sent,
            });
          }
        }
      }
    }
    const commitsSeen = samples.some((s) => Object.keys(s.committed).length > 0);
    const done = new Set(processed.map((p) => p.id));
    return {
      group,
      batch: batch.length,
      batchProcessed: ids.filter((id) => done.has(id)).length,
      samples: samples.length,
      commitsSeen,
      violations,
      clients: solutionKafkaClients(ctx.solution.dir),
    };
  },
  judge: judgeCommitAfterProcessing,
};

/* ---------- resume-after-restart ---------- */

export interface RestartObs {
  group: string;
  /** Notifications written while the application was stopped: processed after the restart? */
  writtenWhileDown: number;
  processedAfterRestart: number;
  /** Old notifications (processed before the stop) processed again after the restart. */
  reprocessed: number;
  tolerance: number;
  exitCode: number | null;
  /**
   * The grader stopped watching as soon as more than `tolerance` old notifications were processed again (that
   * count only grows: the verdict was decided); `reprocessed` is the count at that moment.
   */
  stoppedAtTolerance?: boolean;
}

export function judgeResume(o: RestartObs): Judgement {
  const data = { ...o };
  if (o.reprocessed > o.tolerance) {
    return fail(
      {
        fr: `Après un redémarrage propre, ${o.reprocessed} notification(s) déjà traitée(s) l'ont été à nouveau${o.stoppedAtTolerance ? ` quand le correcteur a cessé d'observer (plus que les ${o.tolerance} tolérées)` : ''} : l'application relit les mêmes données encore et encore (group.id changeant, offsets jamais committés ou auto.offset.reset mal compris).`,
        en: `After a clean restart, ${o.reprocessed} already-processed notification(s) were processed again${o.stoppedAtTolerance ? ` by the time the grader stopped watching (more than the ${o.tolerance} tolerated)` : ''}: the application reads the same data again and again (changing group.id, offsets never committed, or auto.offset.reset misunderstood).`,
      },
      data,
    );
  }
  if (o.processedAfterRestart < o.writtenWhileDown) {
    return fail(
      {
        fr: `${o.writtenWhileDown - o.processedAfterRestart} notification(s) écrite(s) pendant l'arrêt jamais traitée(s) après le redémarrage : elles ont été sautées.`,
        en: `${o.writtenWhileDown - o.processedAfterRestart} notification(s) written while stopped were never processed after the restart: they were skipped.`,
      },
      data,
    );
  }
  return pass(
    {
      fr: `Redémarrage : reprise aux offsets committés (${o.reprocessed} retraitement(s)), les ${o.writtenWhileDown} notifications écrites pendant l'arrêt traitées.`,
      en: `Restart: resumed from the committed offsets (${o.reprocessed} reprocessed), the ${o.writtenWhileDown} notifications written while stopped processed.`,
    },
    data,
  );
}

export const resumeAfterRestart: CheckDefinition<Ex3Prepared, RestartObs> = {
  id: 'resume-after-restart',
  title: {
    fr: 'Reprise aux offsets committés après redémarrage',
    en: 'Resumes from committed offsets after a restart',
  },
  points: 2,
  hint: {
    fr: "TP consommateur : « pouvons-nous changer une configuration pour ne pas lire à nouveau les mêmes données toujours et encore ? » : un group.id stable et des offsets committés ; auto.offset.reset ne sert qu'à un groupe sans offset.",
    en: 'Consumer lab: "can we change a setting so as not to read the same data again and again?": a stable group.id and committed offsets; auto.offset.reset only applies to a group with no offset.',
  },
  async observe(ctx, prepared) {
    const { app } = prepared;
    await prepared.warmup();
    const before = app.processedIds();
    const running = app.running()[0];
    await app.stopAll('stop');
    const exitCode = running?.exitSummary().code ?? null;
    const down = await app.produce(
      Array.from({ length: EX3_RULES.restartBatch }, () => ctx.rng.pick(['LIKE', 'COMMENT'] as const)),
    );
    const restartAt = Date.now();
    await app.startInstance('app (restarted)');
    const reprocessed = () =>
      new Set(
        app
          .processed()
          .filter((p) => p.seenAtMs >= restartAt && before.has(p.id))
          .map((p) => p.id),
      ).size;
    // More old notifications processed again than tolerated fails the check whatever comes next (the count only
    // grows): stop watching then, instead of waiting for the application to re-read everything.
    const decided = () => reprocessed() > EX3_RULES.rereadTolerance;
    await app.waitProcessed(
      down.map((d) => d.id),
      30_000,
      decided,
    );
    const stoppedAtTolerance = decided();
    if (!stoppedAtTolerance) await delay(EX3_RULES.rereadWindowMs);
    const after = app.processed().filter((p) => p.seenAtMs >= restartAt);
    const afterIds = new Set(after.map((p) => p.id));
    return {
      group: app.groups.general,
      writtenWhileDown: down.length,
      processedAfterRestart: down.filter((d) => afterIds.has(d.id)).length,
      reprocessed: [...afterIds].filter((id) => before.has(id)).length,
      tolerance: EX3_RULES.rereadTolerance,
      exitCode,
      ...(stoppedAtTolerance ? { stoppedAtTolerance } : {}),
    };
  },
  judge: judgeResume,
};

/* ---------- at-least-once-after-crash ---------- */

export interface CrashObs {
  killedAfterProcessed: number;
  batch: number;
  /** What triggered the kill: a commit seen ahead of processing, or the time limit. */
  killTrigger: string;
  /** A committed offset seen ahead of processing before the kill (only then is a cause observed). */
  commitAhead?: { partition: number; offset: number };
  /** Dead members removed from the declared groups right after the kill (or why not: then the restart waited for their sessions to expire). */
  evictions?: Eviction[];
  report: HistoryReport;
}

export function judgeAtLeastOnce(o: CrashObs): Judgement {
  const r = o.report;
  const data = {
    killedAfterProcessed: o.killedAfterProcessed,
    batch: o.batch,
    killTrigger: o.killTrigger,
    commitAhead: o.commitAhead,
    evictions: o.evictions,
    lost: r.lost.slice(0, 20),
    lostCount: r.lost.length,
    duplicates: r.duplicates.slice(0, 20),
    duplicateCount: r.duplicates.length,
  };
  if (r.lost.length === o.batch) {
    return fail(
      {
        fr: `Aucune des ${o.batch} notifications écrites n'a été traitée, ni avant le kill -9 ni après le redémarrage : « aucune perte » n'a rien à prouver.`,
        en: `None of the ${o.batch} notifications written was processed, before the kill -9 or after the restart: "no loss" has nothing to prove.`,
      },
      data,
    );
  }
  if (r.lost.length) {
    const l = r.lost[0]!;
    const cause = o.commitAhead
      ? {
          fr: ` Avant le kill, l'offset ${o.commitAhead.offset} de la partition ${o.commitAhead.partition} a été vu committé avant d'être traité.`,
          en: ` Before the kill, offset ${o.commitAhead.offset} of partition ${o.commitAhead.partition} was seen committed before it was processed.`,
        }
      : { fr: '', en: '' };
    return fail(
      {
        fr: `kill -9 après ${o.killedAfterProcessed}/${o.batch} traitements puis redémarrage : ${r.lost.length} notification(s) jamais traitée(s), par ex. ${l.id} (partition ${l.ackedAt?.partition}, offset ${l.ackedAt?.offset}).${cause.fr}`,
        en: `kill -9 after ${o.killedAfterProcessed}/${o.batch} processed, then restart: ${r.lost.length} notification(s) never processed, e.g. ${l.id} (partition ${l.ackedAt?.partition}, offset ${l.ackedAt?.offset}).${cause.en}`,
      },
      data,
    );
  }
  return pass(
    {
      fr: `kill -9 après ${o.killedAfterProcessed}/${o.batch} traitements puis redémarrage : aucune notification perdue ; ${r.duplicates.length} doublon(s), attendus en at-least-once.`,
      en: `kill -9 after ${o.killedAfterProcessed}/${o.batch} processed, then restart: no notification lost; ${r.duplicates.length} duplicate(s), expected with at-least-once.`,
    },
    data,
  );
}

export const atLeastOnceAfterCrash: CheckDefinition<Ex3Prepared, CrashObs> = {
  id: 'at-least-once-after-crash',
  title: { fr: 'Aucune perte après un kill -9 (at-least-once)', en: 'No loss after a kill -9 (at-least-once)' },
  points: 3,
  hint: {
    fr: 'TP consommateur, question 1 : « que se passe-t-il si votre consommateur plante pendant le traitement ? » Commit après traitement = at-least-once (doublons possibles, aucune perte) ; commit avant = at-most-once (pertes).',
    en: 'Consumer lab, question 1: "what happens if your consumer crashes while processing?" Commit after processing = at-least-once (possible duplicates, no loss); commit before = at-most-once (losses).',
  },
  async observe(ctx, prepared) {
    const { app } = prepared;
    await prepared.warmup();
    // Slow processing (200 ms) so that the kill lands inside a record's processing.
    const processedBefore = app.processedIds();
    await app.stopAll('stop');
    const restartedAt = Date.now();
    await app.startInstance('app (slow processing)', EX3_RULES.crashProcessingMs);
    const batch = await app.produce(
      Array.from({ length: EX3_RULES.crashBatch }, () => ctx.rng.pick(['LIKE', 'COMMENT'] as const)),
    );
    const threshold = EX3_RULES.crashThreshold + ctx.rng.int(0, EX3_RULES.crashThresholdSpread);
    const mine = () => {
      const seen = app.processedIds();
      return batch.filter((b) => seen.has(b.id));
    };
    // An application that, after a clean restart, processes again more than the tolerated number of notifications
    // it had processed before does not resume from committed offsets: it will re-read the batch after any kill
    // too, and at 200 ms a record it would take minutes to reach it. Killing it now judges the same thing.
    const rereading = () =>
      new Set(
        app
          .processed()
          .filter((p) => p.seenAtMs >= restartedAt && processedBefore.has(p.id))
          .map((p) => p.id),
      ).size > EX3_RULES.rereadTolerance;
    const t = performance.now();
    let rereadSeen = false;
    while (mine().length < threshold && performance.now() - t < 60_000) {
      if ((rereadSeen = rereading())) break;
      await delay(50);
    }
    // Kill the moment a committed offset runs ahead of what was processed, or after 3 s.
    let killTrigger = rereadSeen
      ? `re-reading: more than ${EX3_RULES.rereadTolerance} notifications processed before the restart were processed again`
      : `time limit (${EX3_RULES.commitAheadWatchMs / 1000} s after the seeded point)`;
    let commitAhead: CrashObs['commitAhead'];
    const t2 = performance.now();
    while (!rereadSeen && performance.now() - t2 < EX3_RULES.commitAheadWatchMs) {
      const committed = await app.committed(app.groups.general);
      const done = new Set(app.processed().map((p) => `${p.partition}:${p.offset}`));
      const ahead = batch.find(
        (b) => (committed.get(b.partition) ?? 0) > b.offset && !done.has(`${b.partition}:${b.offset}`),
      );
      if (ahead) {
        killTrigger = `offset ${ahead.offset} of partition ${ahead.partition} committed before being processed`;
        commitAhead = { partition: ahead.partition, offset: ahead.offset };
        break;
      }
      await delay(10);
    }
    const killedAfterProcessed = mine().length;
    await app.stopAll('kill');
    await app.startInstance('app (after kill -9)');
    await app.waitProcessedOrPassed(batch, app.groups.general, 60_000);
    await delay(EX3_RULES.crashSettleMs);
    const processed = app.processed().filter((p) => batch.some((b) => b.id === p.id));
    const report = checkHistory(
      batch.map((b, i) => ({
        id: b.id,
        key: b.key,
        outcome: 'acked' as const,
        seq: i,
        sentAtMs: b.ackedAtMs,
        ackPartition: b.partition,
        ackOffset: b.offset,
      })),
      processed.map((p) => ({ id: p.id, key: null, partition: p.at.partition, offset: p.at.offset })),
    );
    // Positions are the processing records', not the input's: misplacement is meaningless here.
    report.misplaced = [];
    return {
      killedAfterProcessed,
      batch: batch.length,
      killTrigger,
      commitAhead,
      evictions: app.lastEvictions,
      report,
    };
  },
  judge: judgeAtLeastOnce,
};

/* ---------- lag-returns-to-zero ---------- */

export interface LagObs {
  /** Notifications of the last burst, and how many of them were processed: a lag of 0 counts only with processing. */
  burst: number;
  burstProcessed: number;
  lagAtStart: number;
  lagAtEnd: number;
  /** Time for the lag to reach 0 (undefined: it did not within the bound). */
  zeroAfterMs?: number;
  boundMs: number;
}

export function judgeLag(o: LagObs): Judgement {
  const data = { ...o };
  const charts = [lagChart(o, ['lagAtStart', 'lagAtEnd', 'zeroAfterMs'])];
  if (o.burstProcessed === 0) {
    return fail(
      {
        fr: `Aucune des ${o.burst} notifications de la dernière rafale n'a été traitée (lag ${o.lagAtEnd} à la fin) : un lag à 0 sans traitement ne prouverait rien.`,
        en: `None of the ${o.burst} notifications of the last burst was processed (lag ${o.lagAtEnd} at the end): a lag of 0 without processing would prove nothing.`,
      },
      data,
      { charts },
    );
  }
  if (o.zeroAfterMs === undefined) {
    return fail(
      {
        fr: `Plus rien n'était produit, mais le retard (lag) des groupes était encore de ${o.lagAtEnd} message(s) après ${o.boundMs / 1000} s : les offsets ne sont pas committés jusqu'au bout.`,
        en: `Nothing more was produced, yet the groups' lag was still ${o.lagAtEnd} record(s) after ${o.boundMs / 1000} s: offsets are not committed up to the end.`,
      },
      data,
      { charts },
    );
  }
  return pass(
    {
      fr: `Production arrêtée : le lag est revenu à 0 en ${(o.zeroAfterMs / 1000).toFixed(1)} s (il était de ${o.lagAtStart}).`,
      en: `Production stopped: the lag went back to 0 in ${(o.zeroAfterMs / 1000).toFixed(1)} s (it was ${o.lagAtStart}).`,
    },
    data,
    { charts },
  );
}

export const lagReturnsToZero: CheckDefinition<Ex3Prepared, LagObs> = {
  id: 'lag-returns-to-zero',
  title: { fr: 'Le lag revient à zéro', en: 'The lag goes back to zero' },
  points: 2,
  hint: {
    fr: "TP consommateur : le retard (lag) d'un groupe = fin du topic − offset committé, par partition ; Kafka UI l'affiche. Un groupe qui traite tout et committe revient à 0.",
    en: "Consumer lab: a group's lag = end of the topic − committed offset, per partition; Kafka UI shows it. A group that processes everything and commits goes back to 0.",
  },
  async observe(ctx, prepared) {
    const { app } = prepared;
    await prepared.warmup();
    if (app.running().length === 0) await app.startInstance('app');
    // A last burst, so the lag starts above zero: then nothing more is produced.
    const burst = await app.produce(
      Array.from({ length: EX3_RULES.lagBurst }, () => ctx.rng.pick(['LIKE', 'COMMENT'] as const)),
    );
    const ids = burst.map((b) => b.id);
    const lagAtStart = await app.lag();
    const t = performance.now();
    let lag = lagAtStart;
    let zeroAfterMs: number | undefined;
    while (performance.now() - t < EX3_RULES.lagBoundMs) {
      lag = await app.lag();
      if (lag === 0) {
        zeroAfterMs = Math.round(performance.now() - t);
        break;
      }
      await delay(250);
    }
    // The processing records may reach the grader a moment after the commits.
    if (zeroAfterMs !== undefined) await app.waitProcessed(ids, 5000);
    const seen = app.processedIds();
    return {
      burst: ids.length,
      burstProcessed: ids.filter((id) => seen.has(id)).length,
      lagAtStart,
      lagAtEnd: lag,
      zeroAfterMs,
      boundMs: EX3_RULES.lagBoundMs,
    };
  },
  judge: judgeLag,
};
