import { createRng } from '../../../core/rng.js';
import type { CheckDefinition, Judgement, RunContext } from '../../../engine/exercise.js';
import { fail, pass } from '../../../kit/judging/judgement.js';
import type { Localized } from '../../../model/verdict.js';
import { SCENARIOS } from '../../../kit/faults/faults.js';
import { deliveryChart, faultsChart, type ChartSpec } from '../../../kit/judging/charts.js';
import type { Ex9Prepared } from '../prepare.js';
import { produceUnderFault, type ProduceUnderFault as ProduceRun } from '../produce-run.js';
import { settingFix } from '../../../kit/solution/client-settings.js';
import { solutionKafkaClients, type DetectedClient } from '../../../kit/solution/kafka-client.js';

/** A produce run and the Kafka clients the solution's dependency files declare (the fix is given in their terms). */
export type ProduceUnderFault = ProduceRun & { clients?: DetectedClient[] };

const pos = (p: { partition: number; offset: number }) => `${p.partition}:${p.offset}`;

/**
 * The leader-kill run. `noFollowers` is set when the target partition had a single replica before the run:
 * the scenario (leader cut from its followers, then killed) cannot be played, so the records are sent
 * without a fault. Playing it anyway made the verdict depend on the machine's load: the partition stays
 * offline for the killed broker's whole restart, and a restart slower than the producer's retries turned a
 * send into a failure although the broker had written it (see judgeNoLoss).
 */
export type LeaderKillRun = ProduceUnderFault & { noFollowers?: { partition: number; replicas: number[] } };

function counts(o: ProduceUnderFault) {
  const w = o.report.writes;
  return {
    fr: `${w.acked} confirmés, ${w.failed} en échec, ${w.unknown} sans réponse`,
    en: `${w.acked} acknowledged, ${w.failed} failed, ${w.unknown} without an outcome`,
  };
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

/** The delivery outcome and the faults injected while sending, drawn in the HTML report. */
function evidenceCharts(o: ProduceUnderFault): ChartSpec[] {
  const r = o.report;
  return [
    deliveryChart({ ...r.writes, lost: r.lost.length, duplicates: r.duplicates.length }, [
      'writes',
      'lostCount',
      'duplicateCount',
    ]),
    ...faultsChart(o.timeline, ['timeline']),
  ];
}

function noOutcome(o: ProduceUnderFault): Judgement | undefined {
  if (o.report.writes.acked > 0) return undefined;
  return fail(
    {
      fr: `Le rôle produce n'a confirmé aucun envoi (${counts(o).fr}, code de sortie ${o.exit.code}${o.exit.timedOut ? ', arrêté à la limite de temps' : ''}) : « aucune perte » et « aucun doublon » ne veulent rien dire sans messages confirmés. Vérifiez les envois et les lignes JSON attendues sur la sortie standard.`,
      en: `The produce role acknowledged no send (${counts(o).en}, exit code ${o.exit.code}${o.exit.timedOut ? ', stopped at the time limit' : ''}): "no loss" and "no duplicate" mean nothing without acknowledged records. Check the sends and the JSON lines expected on stdout.`,
    },
    evidenceData(o),
    { charts: evidenceCharts(o) },
  );
}

export function judgeNoDuplicates(o: ProduceUnderFault): Judgement {
  const none = noOutcome(o);
  if (none) return none;
  const r = o.report;
  const data = evidenceData(o);
  if (r.duplicates.length) {
    const d = r.duplicates[0]!;
    const fix = settingFix('idempotence', o.clients);
    return fail(
      {
        fr: `Réponses perdues (connexions coupées) pendant l'envoi : ${r.duplicates.length} message(s) écrit(s) plusieurs fois, par ex. ${d.id} aux offsets ${d.copies.map(pos).join(', ')}. Le producteur a réessayé des envois déjà écrits : sans idempotence, chaque nouvelle tentative duplique.${fix.fr}`,
        en: `Responses dropped (connections closed) while sending: ${r.duplicates.length} record(s) written more than once, e.g. ${d.id} at offsets ${d.copies.map(pos).join(', ')}. The producer retried sends that had been written: without idempotence every retry duplicates.${fix.en}`,
      },
      data,
      { charts: evidenceCharts(o) },
    );
  }
  if (r.lost.length) return lostJudgement(o);
  return pass(
    {
      fr: `Réponses perdues pendant l'envoi : aucun doublon, aucune perte (${counts(o).fr}).`,
      en: `Responses dropped while sending: no duplicate, no loss (${counts(o).en}).`,
    },
    data,
    { charts: evidenceCharts(o) },
  );
}

const OUTCOME = {
  acked: { fr: 'confirmé', en: 'acknowledged' },
  failed: { fr: 'annoncé en échec', en: 'reported as failed' },
  unknown: { fr: 'sans réponse', en: 'without an outcome' },
} as const;

/** Acknowledged records missing from the brokers; `why`, when given, follows: what the run showed of the cause. */
function lostJudgement(o: ProduceUnderFault, why?: Localized): Judgement {
  const r = o.report;
  const l = r.lost[0]!;
  const other =
    l.ackedAt && l.heldThere
      ? {
          fr: ` ; à cette position, les brokers ont ${l.heldThere.id} (envoi ${OUTCOME[l.heldThere.outcome].fr})`,
          en: `; at that position the brokers hold ${l.heldThere.id} (a send ${OUTCOME[l.heldThere.outcome].en})`,
        }
      : { fr: '', en: '' };
  const after = why ? { fr: ` ${why.fr}`, en: ` ${why.en}` } : { fr: '', en: '' };
  return fail(
    {
      fr: `${r.lost.length} message(s) confirmé(s) au producteur absents des brokers, par ex. ${l.id}${l.ackedAt ? ` (confirmé en ${pos(l.ackedAt)}${other.fr})` : ''}.${after.fr}`,
      en: `${r.lost.length} record(s) acknowledged to the producer are missing from the brokers, e.g. ${l.id}${l.ackedAt ? ` (acknowledged at ${pos(l.ackedAt)}${other.en})` : ''}.${after.en}`,
    },
    evidenceData(o),
    { charts: evidenceCharts(o) },
  );
}

export function judgeNoLoss(o: LeaderKillRun): Judgement {
  const none = noOutcome(o);
  if (none) return none;
  if (o.noFollowers) {
    const { partition, replicas } = o.noFollowers;
    const where = replicas.length ? `broker ${replicas.join(', ')}` : 'no broker';
    const où = replicas.length ? `broker ${replicas.join(', ')}` : 'aucun broker';
    return fail(
      {
        fr: `La partition ${partition} du topic n'a qu'un seul réplica (${où}) : son leader n'a aucun suiveur dont le couper, la panne « leader isolé puis tué » ne peut pas être jouée et rien ne montre qu'un message confirmé survit à la mort de son leader (une seule copie : tant que ce broker est absent, la partition est hors ligne). Envois faits sans panne : ${counts(o).fr}. Voir topic-durability.`,
        en: `Partition ${partition} of the topic has a single replica (${where}): its leader has no follower to be cut from, so the "isolated leader killed" fault cannot be played and nothing shows that an acknowledged record survives its leader's death (a single copy: while that broker is away, the partition is offline). Sends made without a fault: ${counts(o).en}. See topic-durability.`,
      },
      { ...evidenceData(o), replicas },
      { charts: evidenceCharts(o) },
    );
  }
  if (o.report.lost.length) {
    // The acknowledgement named the position of a record sent before it: not a leader that acknowledged alone.
    if (o.report.lost[0]!.heldThere?.sentBefore) {
      return lostJudgement(o, {
        fr: `La confirmation donnait la position d'un message envoyé avant lui : un producteur idempotent qui continue après un envoi en échec peut réutiliser le numéro de séquence de cet envoi, et le broker répond alors au suivant comme à un doublon, sans l'écrire.`,
        en: `The acknowledgement gave the position of a record sent before it: an idempotent producer that goes on after a failed send can reuse that send's sequence number, and the broker then answers the next send as a duplicate, without writing it.`,
      });
    }
    const fix = settingFix('acks-all', o.clients);
    return lostJudgement(o, {
      fr: `Le leader, coupé de ses suiveurs, a confirmé seul puis a été tué : seul acks=all (avec min.insync.replicas=2) attend que les suiveurs aient le message.${fix.fr}`,
      en: `The leader, cut from its followers, acknowledged alone and was then killed: only acks=all (with min.insync.replicas=2) waits until the followers have the record.${fix.en}`,
    });
  }
  return pass(
    {
      fr: `Leader isolé puis tué en cours d'envoi : aucun message confirmé perdu (${counts(o).fr}).`,
      en: `Leader isolated then killed mid-stream: no acknowledged record lost (${counts(o).en}).`,
    },
    evidenceData(o),
    { charts: evidenceCharts(o) },
  );
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
  observe: async (ctx) => ({
    ...(await produceUnderFault(
      ctx,
      'retries',
      SCENARIOS['response-timeout']!.steps(createRng(ctx.seed), { topic: ctx.names.topics.main!, partition: 0 }),
    )),
    clients: solutionKafkaClients(ctx.solution.dir),
  }),
  judge: judgeNoDuplicates,
};

/** Partition 0's replicas before the run; undefined when the cluster does not know the topic (the run says why). */
async function replicasOf(ctx: RunContext, topic: string, partition: number): Promise<number[] | undefined> {
  return ctx.stack.partitionState(topic, partition).then(
    (s) => s.replicas,
    () => undefined,
  );
}

export const noLossOnLeaderKill: CheckDefinition<Ex9Prepared, LeaderKillRun> = {
  id: 'no-loss-on-leader-kill',
  title: { fr: 'Aucune perte quand le leader meurt', en: 'No loss when the leader dies' },
  points: 3,
  hint: {
    fr: "Question 3 / cours 001 : avec acks=1, le leader confirme dès qu'il a écrit ; s'il meurt avant que ses suiveurs aient copié, un suiveur devient leader sans le message. acks=all + min.insync.replicas=2 évite cette perte.",
    en: 'Question 3 / course 001: with acks=1 the leader acknowledges as soon as it has written; if it dies before its followers copied, a follower becomes leader without the record. acks=all + min.insync.replicas=2 prevents that loss.',
  },
  needs: { faults: true, brokerControl: true },
  observe: async (ctx) => {
    const on = { topic: ctx.names.topics.main!, partition: 0 };
    const replicas = await replicasOf(ctx, on.topic, on.partition);
    const clients = solutionKafkaClients(ctx.solution.dir);
    if (replicas && replicas.length < 2)
      return {
        ...(await produceUnderFault(ctx, 'leader-kill', [])),
        noFollowers: { partition: on.partition, replicas },
        clients,
      };
    return {
      ...(await produceUnderFault(
        ctx,
        'leader-kill',
        SCENARIOS['isolated-leader-killed']!.steps(createRng(ctx.seed), on),
      )),
      clients,
    };
  },
  judge: judgeNoLoss,
};
