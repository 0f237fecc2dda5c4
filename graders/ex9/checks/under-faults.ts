import { createRng } from '../../../core/rng.js';
import type { CheckDefinition, Judgement } from '../../../engine/exercise.js';
import { SCENARIOS } from '../../../kit/faults/faults.js';
import type { Ex9Prepared } from '../prepare.js';
import { produceUnderFault, type ProduceUnderFault } from '../produce-run.js';

const pos = (p: { partition: number; offset: number }) => `${p.partition}:${p.offset}`;

function counts(o: ProduceUnderFault) {
  const w = o.report.writes;
  return { fr: `${w.acked} confirmés, ${w.failed} en échec, ${w.unknown} sans réponse`, en: `${w.acked} acknowledged, ${w.failed} failed, ${w.unknown} without an outcome` };
}

function evidenceData(o: ProduceUnderFault) {
  const r = o.report;
  return {
    scenario: o.scenario,
    timeline: o.timeline,
    writes: r.writes,
    exit: o.exit,
    lost: r.lost.slice(0, 20),
    lostCount: r.lost.length,
    duplicates: r.duplicates.slice(0, 20),
    duplicateCount: r.duplicates.length,
    presentThoughFailed: r.presentThoughFailed.slice(0, 10),
    reordered: r.reordered.slice(0, 10),
    unreadableLines: o.unreadableLines,
  };
}

function noOutcome(o: ProduceUnderFault): Judgement | undefined {
  if (o.report.writes.acked > 0) return undefined;
  return {
    status: 'fail',
    evidence: {
      summary: {
        fr: `Le rôle produce n'a confirmé aucun envoi (${counts(o).fr}, code de sortie ${o.exit.code}${o.exit.timedOut ? ', arrêté à la limite de temps' : ''}) : « aucune perte » et « aucun doublon » ne veulent rien dire sans messages confirmés. Vérifiez les envois et les lignes JSON attendues sur la sortie standard.`,
        en: `The produce role acknowledged no send (${counts(o).en}, exit code ${o.exit.code}${o.exit.timedOut ? ', stopped at the time limit' : ''}): "no loss" and "no duplicate" mean nothing without acknowledged records. Check the sends and the JSON lines expected on stdout.`,
      },
      data: evidenceData(o),
    },
  };
}

export function judgeNoDuplicates(o: ProduceUnderFault): Judgement {
  const none = noOutcome(o);
  if (none) return none;
  const r = o.report;
  const data = evidenceData(o);
  if (r.duplicates.length) {
    const d = r.duplicates[0]!;
    return {
      status: 'fail',
      evidence: {
        summary: {
          fr: `Réponses perdues (connexions coupées) pendant l'envoi : ${r.duplicates.length} message(s) écrit(s) plusieurs fois, par ex. ${d.id} aux offsets ${d.copies.map(pos).join(', ')}. Le producteur a réessayé des envois déjà écrits : sans idempotence, chaque nouvelle tentative duplique.`,
          en: `Responses dropped (connections closed) while sending: ${r.duplicates.length} record(s) written more than once, e.g. ${d.id} at offsets ${d.copies.map(pos).join(', ')}. The producer retried sends that had been written: without idempotence every retry duplicates.`,
        },
        data,
      },
    };
  }
  if (r.lost.length) return lostJudgement(o);
  return { status: 'pass', evidence: { summary: { fr: `Réponses perdues pendant l'envoi : aucun doublon, aucune perte (${counts(o).fr}).`, en: `Responses dropped while sending: no duplicate, no loss (${counts(o).en}).` }, data } };
}

function lostJudgement(o: ProduceUnderFault): Judgement {
  const r = o.report;
  const l = r.lost[0]!;
  return {
    status: 'fail',
    evidence: {
      summary: {
        fr: `${r.lost.length} message(s) confirmé(s) au producteur absents des brokers, par ex. ${l.id}${l.ackedAt ? ` (confirmé en ${pos(l.ackedAt)})` : ''}.`,
        en: `${r.lost.length} record(s) acknowledged to the producer are missing from the brokers, e.g. ${l.id}${l.ackedAt ? ` (acknowledged at ${pos(l.ackedAt)})` : ''}.`,
      },
      data: evidenceData(o),
    },
  };
}

export function judgeNoLoss(o: ProduceUnderFault): Judgement {
  const none = noOutcome(o);
  if (none) return none;
  if (o.report.lost.length) {
    const j = lostJudgement(o);
    return {
      ...j,
      evidence: {
        ...j.evidence,
        summary: {
          fr: `${j.evidence.summary.fr} Le leader, coupé de ses suiveurs, a confirmé seul puis a été tué : seul acks=all (avec min.insync.replicas=2) attend que les suiveurs aient le message.`,
          en: `${j.evidence.summary.en} The leader, cut from its followers, acknowledged alone and was then killed: only acks=all (with min.insync.replicas=2) waits until the followers have the record.`,
        },
      },
    };
  }
  return { status: 'pass', evidence: { summary: { fr: `Leader isolé puis tué en cours d'envoi : aucun message confirmé perdu (${counts(o).fr}).`, en: `Leader isolated then killed mid-stream: no acknowledged record lost (${counts(o).en}).` }, data: evidenceData(o) } };
}

export const noDuplicatesUnderRetries: CheckDefinition<Ex9Prepared, ProduceUnderFault> = {
  id: 'no-duplicates-under-retries',
  title: { fr: 'Pas de doublon quand le producteur réessaie', en: 'No duplicate when the producer retries' },
  points: 3,
  hint: {
    fr: "Question 3 : l'idempotence (enable.idempotence=true) numérote les envois par producteur et partition ; le broker écarte une nouvelle tentative d'un lot déjà écrit. Sans elle, une réponse perdue + un retry = un doublon.",
    en: 'Question 3: idempotence (enable.idempotence=true) numbers sends per producer and partition; the broker drops a retry of a batch already written. Without it, a lost response + a retry = a duplicate.',
  },
  needs: { faults: true },
  observe: (ctx) => produceUnderFault(ctx, 'retries', SCENARIOS['response-timeout']!.steps(createRng(ctx.seed), { topic: ctx.names.topics.main!, partition: 0 })),
  judge: judgeNoDuplicates,
};

export const noLossOnLeaderKill: CheckDefinition<Ex9Prepared, ProduceUnderFault> = {
  id: 'no-loss-on-leader-kill',
  title: { fr: 'Aucune perte quand le leader meurt', en: 'No loss when the leader dies' },
  points: 3,
  hint: {
    fr: "Question 3 / cours 001 : avec acks=1, le leader confirme dès qu'il a écrit ; s'il meurt avant que ses suiveurs aient copié, un suiveur devient leader sans le message. acks=all + min.insync.replicas=2 évite cette perte.",
    en: 'Question 3 / course 001: with acks=1 the leader acknowledges as soon as it has written; if it dies before its followers copied, a follower becomes leader without the record. acks=all + min.insync.replicas=2 prevents that loss.',
  },
  needs: { faults: true, brokerControl: true },
  observe: (ctx) => produceUnderFault(ctx, 'leader-kill', SCENARIOS['isolated-leader-killed']!.steps(createRng(ctx.seed), { topic: ctx.names.topics.main!, partition: 0 })),
  judge: judgeNoLoss,
};
