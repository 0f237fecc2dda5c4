import { waitFor } from '../../../core/wait-for.js';
import type { CheckDefinition, Judgement } from '../../../engine/exercise.js';
import { is2xx, type HttpOutcome, type NotificationsApp } from '../../notifications/app.js';
import { NOTIFICATIONS_RULES, type Notification } from '../../notifications/contract.js';
import { observeWithAppLog, withFault } from '../../notifications/observe.js';

export interface AcksAllObs {
  endpoint: string;
  stoppedBrokers: number[];
  /** ISR of each partition while the critical send was made. */
  isrDuringSend: number[][];
  minInsyncReplicas: number;
  /** The critical sends tried (a quick refusal may be a stale connection, not acks=all: it is tried again). */
  attempts: HttpOutcome[];
  response: HttpOutcome;
  /** Where the record landed when the send was (wrongly) accepted. */
  landed?: { partition: number; offset: number };
}

export function judgeAcksAll(o: AcksAllObs): Judgement {
  const isr = o.isrDuringSend[0]?.length ?? 0;
  const data = { ...o };
  if (is2xx(o.response.status)) {
    const at = o.landed ? ` (partition ${o.landed.partition}, offset ${o.landed.offset})` : '';
    return {
      status: 'fail',
      evidence: {
        summary: {
          fr: `Avec ${isr} réplica(s) synchronisé(s) sur ${NOTIFICATIONS_RULES.replicationFactor} et min.insync.replicas=${o.minInsyncReplicas}, l'envoi critique a été accepté (${o.response.status})${at} : un producteur en acks=all aurait été refusé (NOT_ENOUGH_REPLICAS). Le producteur critique n'utilise pas acks=all.`,
          en: `With ${isr} in-sync replica(s) of ${NOTIFICATIONS_RULES.replicationFactor} and min.insync.replicas=${o.minInsyncReplicas}, the critical send was accepted (${o.response.status})${at}: a producer with acks=all would have been refused (NOT_ENOUGH_REPLICAS). The critical producer does not use acks=all.`,
        },
        data,
      },
    };
  }
  return {
    status: 'pass',
    evidence: {
      summary: {
        fr: `Brokers ${o.stoppedBrokers.join(' et ')} arrêtés (ISR = ${isr} < min.insync.replicas=${o.minInsyncReplicas}) : l'envoi critique a été refusé (${o.response.status} en ${(o.response.ms / 1000).toFixed(1)} s), comme avec acks=all.`,
        en: `Brokers ${o.stoppedBrokers.join(' and ')} stopped (ISR = ${isr} < min.insync.replicas=${o.minInsyncReplicas}): the critical send was refused (${o.response.status} after ${(o.response.ms / 1000).toFixed(1)} s), as with acks=all.`,
      },
      data,
    },
  };
}

export const criticalAcksAll: CheckDefinition<NotificationsApp, AcksAllObs> = {
  id: 'critical-acks-all',
  title: { fr: 'Les notifications critiques utilisent acks=all', en: 'Critical notifications use acks=all' },
  points: 3,
  hint: {
    fr: "acks=all : le leader n'accuse réception qu'une fois le message copié sur tous les réplicas synchronisés ; avec min.insync.replicas=2, l'écriture est refusée s'il en reste moins de 2. C'est ce qui garantit qu'un message critique confirmé n'est pas perdu (spring.kafka.producer.acks=all).",
    en: 'acks=all: the leader acknowledges only once the record is on every in-sync replica; with min.insync.replicas=2 the write is refused when fewer than 2 remain. That is what guarantees a confirmed critical notification is not lost (spring.kafka.producer.acks=all).',
  },
  needs: { faults: true, brokerControl: true },
  observe: (ctx, app) =>
    observeWithAppLog(ctx, app, 'critical-acks-all', () =>
      withFault(ctx, app, async () => {
        const stopped = ctx.stack.brokers.slice(1).map((b) => b.id);
        for (const id of stopped) await ctx.stack.broker(id).stop();
        const partitions = Array.from({ length: app.partitions }, (_, p) => p);
        const isrDuringSend = await waitFor(
          async () => {
            const states = await Promise.all(partitions.map((p) => ctx.stack.partitionState(app.topic, p)));
            return states.every((s) => s.isr.length === 1 && s.leader === ctx.stack.brokers[0]!.id) ? states.map((s) => s.isr) : undefined;
          },
          { timeoutMs: 30_000, what: 'the ISR of every partition to shrink to one broker' },
        );
        // Right after two brokers stop, a client may fail on a stale connection before it even reaches the
        // leader: only a refusal that names the ISR or that took the producer's whole delivery timeout is
        // conclusive; a quick one is tried again (at most 4 sends). An acks=1 producer gets a 2xx meanwhile.
        const attempts: HttpOutcome[] = [];
        let sent!: Notification;
        for (let i = 0; i < 4; i++) {
          sent = app.notification('NEW_MESSAGE');
          const r = await app.request('sync', sent, NOTIFICATIONS_RULES.syncAnswerBoundMs + 5000);
          attempts.push(r);
          const conclusive = is2xx(r.status) || r.ms >= 3000 || /in-?sync|NOT_ENOUGH_REPLICAS|NotEnoughReplicas/i.test(r.text ?? '');
          if (conclusive) break;
          await new Promise((res) => setTimeout(res, 500));
        }
        const response = attempts[attempts.length - 1]!;
        const landed = app.watcher.withContent([sent.content])[0];
        return {
          endpoint: app.describeEndpoint('sync'),
          stoppedBrokers: stopped,
          isrDuringSend,
          minInsyncReplicas: NOTIFICATIONS_RULES.minInsyncReplicas,
          attempts,
          response,
          landed: landed ? { partition: landed.partition, offset: landed.offset } : undefined,
        };
      }),
    ),
  judge: judgeAcksAll,
};
