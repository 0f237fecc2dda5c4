import { createRng } from '../../../core/rng.js';
import { waitFor } from '../../../core/wait-for.js';
import type { CheckDefinition, Judgement } from '../../../engine/exercise.js';
import { fail, pass } from '../../../kit/judging/judgement.js';
import { runScenario, SCENARIOS, type TimelineEntry } from '../../../kit/faults/faults.js';
import { readAll } from '../../../kit/readers/topic-reader.js';
import type { ExitInfo } from '../../../runner/solution-process.js';
import { EX9_RULES } from '../contract.js';
import type { Ex9Prepared } from '../prepare.js';
import { runRole } from '../../../kit/solution/role.js';
import { writesFromOutcomes } from '../outcomes.js';
import { settingFix } from '../../../kit/solution/client-settings.js';
import { solutionKafkaClients, type DetectedClient } from '../../../kit/solution/kafka-client.js';
import { faultsChart } from '../../../kit/judging/charts.js';

export interface BelowMinIsrObs {
  topic: string;
  timeline: TimelineEntry[];
  /** ISR size of every partition while sending. */
  isrSizes: number[];
  sent: number;
  acked: number;
  failed: number;
  unknown: number;
  /** Records of this run found on the topic afterwards. */
  present: number;
  exit: ExitInfo;
  /** Whether the solution's topic existed when the check began (the setup role creates it). */
  topicExists?: boolean;
  /**
   * Writes of the topic the brokers refused for too few in-sync replicas while the producer ran, from their
   * logs (only an acks=all producer meets that refusal); undefined where logs cannot be read.
   */
  brokerRefusals?: number;
  /** The Kafka clients the solution's dependency files declare (the fix is given in their terms). */
  clients?: DetectedClient[];
}

export function judgeBelowMinIsr(o: BelowMinIsrObs): Judgement {
  const data = { ...o };
  const charts = faultsChart(o.timeline, ['timeline']);
  const fix = settingFix('acks-all', o.clients);
  if (o.topicExists === false) {
    return fail(
      {
        fr: `Le topic ${o.topic} n'existe pas (le rôle setup ne l'a pas créé) : aucune écriture n'a pu être refusée.`,
        en: `The topic ${o.topic} does not exist (the setup role did not create it): no write could be refused.`,
      },
      data,
      { charts },
    );
  }
  if (o.acked > 0 || o.present > 0) {
    return fail(
      {
        fr: `Deux suiveurs gelés (ISR de taille ${Math.max(...o.isrSizes)}) : ${o.acked} envoi(s) sur ${o.sent} confirmé(s), ${o.present} présent(s) sur le topic. Avec acks=all et min.insync.replicas=2, le broker doit refuser (NOT_ENOUGH_REPLICAS) plutôt qu'accepter une écriture qu'un seul broker détient.${fix.fr}`,
        en: `Two followers frozen (ISR size ${Math.max(...o.isrSizes)}): ${o.acked} of ${o.sent} send(s) acknowledged, ${o.present} present on the topic. With acks=all and min.insync.replicas=2 the broker must refuse (NOT_ENOUGH_REPLICAS) rather than accept a write only one broker holds.${fix.en}`,
      },
      data,
      { charts },
    );
  }
  if (o.failed === 0) {
    return fail(
      {
        fr: `Deux suiveurs gelés : aucun des ${o.sent} envois n'a abouti à une issue (ni confirmé ni en échec ; code de sortie ${o.exit.code}${o.exit.timedOut ? ', arrêté à la limite de temps' : ''}). Rien ne montre que le broker a refusé : le contrat demande que chaque envoi se termine (ack ou erreur) en 30 s et que son issue soit affichée.`,
        en: `Two followers frozen: none of the ${o.sent} sends came to an outcome (neither acknowledged nor failed; exit code ${o.exit.code}${o.exit.timedOut ? ', stopped at the time limit' : ''}). Nothing shows the broker refused: the contract asks every send to end (ack or error) within 30 s and its outcome to be printed.`,
      },
      data,
      { charts },
    );
  }
  if (o.brokerRefusals === 0) {
    return fail(
      {
        fr: `Deux suiveurs gelés : le producteur a affiché ${o.failed} envoi(s) en échec, mais aucun broker n'a refusé d'écriture du topic pour manque de réplicas synchronisés (NOT_ENOUGH_REPLICAS) pendant qu'il tournait : rien ne montre que ces envois ont atteint le broker en acks=all.${fix.fr}`,
        en: `Two followers frozen: the producer printed ${o.failed} failed send(s), but no broker refused a write of the topic for too few in-sync replicas (NOT_ENOUGH_REPLICAS) while it ran: nothing shows these sends reached the broker with acks=all.${fix.en}`,
      },
      data,
      { charts },
    );
  }
  const broker =
    o.brokerRefusals === undefined
      ? { fr: '', en: '' }
      : {
          fr: `, le broker ayant refusé ${o.brokerRefusals} écriture(s) (NOT_ENOUGH_REPLICAS)`,
          en: `, the broker having refused ${o.brokerRefusals} write(s) (NOT_ENOUGH_REPLICAS)`,
        };
  return pass(
    {
      fr: `Deux suiveurs gelés : les ${o.sent} envois ont été refusés (${o.failed} en échec, ${o.unknown} sans réponse${broker.fr}), rien n'a été écrit.`,
      en: `Two followers frozen: all ${o.sent} sends were refused (${o.failed} failed, ${o.unknown} without an outcome${broker.en}), nothing was written.`,
    },
    data,
    { charts },
  );
}

export const refusesBelowMinIsr: CheckDefinition<Ex9Prepared, BelowMinIsrObs> = {
  id: 'refuses-below-min-isr',
  title: { fr: 'Écritures refusées sous min.insync.replicas', en: 'Writes refused below min.insync.replicas' },
  points: 2,
  hint: {
    fr: "Cours 001 : acks=all n'attend que les réplicas synchronisés (ISR) ; c'est min.insync.replicas=2 qui interdit d'écrire quand l'ISR se réduit au seul leader. Les deux réglages vont ensemble.",
    en: 'Course 001: acks=all only waits for the in-sync replicas (ISR); min.insync.replicas=2 is what forbids writing when the ISR shrinks to the leader alone. The two settings go together.',
  },
  needs: { faults: true, brokerControl: true },
  async observe(ctx) {
    const topic = ctx.names.topics.main!;
    const md = (await ctx.stack.metadata([topic])).topics.find((t) => t.name === topic);
    const partitions = md && md.errorCode === 0 ? md.partitions.map((p) => p.partition) : [];
    const prefix = `${ctx.runId}-below-min-isr`;
    const count = EX9_RULES.belowMinIsrCount;
    if (partitions.length === 0) {
      return {
        topic,
        topicExists: false,
        timeline: [],
        isrSizes: [],
        sent: 0,
        acked: 0,
        failed: 0,
        unknown: 0,
        present: 0,
        exit: { code: null, signal: null, timedOut: false, flooded: false, durationMs: 0 },
      };
    }
    try {
      const timeline = await runScenario(
        ctx.stack,
        SCENARIOS['follower-isolation']!.steps(createRng(ctx.seed), { topic, partition: 0 }),
      );
      const frozen = new Set(timeline.flatMap((t) => t.brokers));
      const isrSizes = await waitFor(
        async () => {
          const states = await Promise.all(partitions.map((p) => ctx.stack.partitionState(topic, p)));
          // A partition whose every replica was frozen stays offline (leader -1, its last ISR kept): it cannot
          // shrink and takes no write; the others must drop the frozen followers before the sends.
          return states.every((s) => s.leader === -1 || s.isr.every((b) => !frozen.has(b)))
            ? states.map((s) => s.isr.length)
            : undefined;
        },
        { timeoutMs: 30_000, what: 'the ISR to drop the frozen followers' },
      );
      const refusalsBefore = await ctx.stack.notEnoughReplicasRefusals(topic);
      const run = await runRole(ctx, 'produce', {
        env: {
          KGRADE_COUNT: String(count),
          KGRADE_RATE: String(EX9_RULES.belowMinIsrRate),
          KGRADE_ID_PREFIX: prefix,
          KGRADE_DELIVERY_TIMEOUT_MS: String(EX9_RULES.refusedSendTimeoutMs),
        },
        timeoutMs: EX9_RULES.produceTimeoutMs,
        phase: 'produce (below min ISR)',
      });
      const refusalsAfter = await ctx.stack.notEnoughReplicasRefusals(topic);
      const brokerRefusals =
        refusalsBefore !== undefined && refusalsAfter !== undefined ? refusalsAfter - refusalsBefore : undefined;
      const { writes } = writesFromOutcomes(run.stdoutLines, prefix, count);
      await ctx.stack.heal();
      for (const p of partitions) await ctx.stack.waitForIsr(topic, p, undefined, 60_000);
      const present = (await readAll(ctx.stack, topic)).filter((r) => r.value?.startsWith(`${prefix}-`)).length;
      const n = (o: string) => writes.filter((w) => w.outcome === o).length;
      return {
        topic,
        topicExists: true,
        timeline,
        isrSizes,
        sent: count,
        acked: n('acked'),
        failed: n('failed'),
        unknown: n('unknown'),
        present,
        exit: run.exit,
        brokerRefusals,
        clients: solutionKafkaClients(ctx.solution.dir),
      };
    } finally {
      await ctx.stack.heal();
    }
  },
  judge: judgeBelowMinIsr,
};
