import { GraderError } from '../../../core/errors.js';
import { delay, waitFor } from '../../../core/wait-for.js';
import type { CheckDefinition, Judgement } from '../../../engine/exercise.js';
import { applyFault } from '../../../kit/faults/faults.js';
import { describeHttp, is2xx, type HttpOutcome } from '../../../kit/solution/http-service.js';
import type { NotificationsApp } from '../../notifications/app.js';
import { NOTIFICATIONS_RULES } from '../../notifications/contract.js';
import { observeWithAppLog, withFault } from '../../notifications/observe.js';
import { missedSuccessPath, succeeded, trySuccessPath, type SuccessPath } from '../../notifications/success-path.js';
import { graderWriteRefused } from './control-write.js';
import { settingFix } from '../../../kit/solution/client-settings.js';
import { solutionKafkaClients, type DetectedClient } from '../../../kit/solution/kafka-client.js';
import { fail, pass } from '../../../kit/judging/judgement.js';

/** One critical send made while the ISR was below min.insync.replicas. */
export interface AcksAllAttempt {
  response: HttpOutcome;
  /** Writes of the topic the brokers refused for too few in-sync replicas while this send was made (their logs). */
  brokerRefusals?: number;
}

export interface AcksAllObs {
  endpoint: string;
  /** The success path, every replica up: the same endpoint must accept a critical notification that lands. */
  baseline: SuccessPath;
  stoppedBrokers: number[];
  /** ISR of each partition while the critical sends were made. */
  isrDuringSend: number[][];
  minInsyncReplicas: number;
  /** Whether the brokers' logs could be read: then a refusal counts only when a broker refused a write. */
  brokerLogs: boolean;
  attempts: AcksAllAttempt[];
  /** Where the record landed when a send was (wrongly) accepted. */
  landed?: { partition: number; offset: number };
  /** The Kafka clients the solution's dependency files declare (the fix is given in their terms). */
  clients?: DetectedClient[];
}

const NAMES_REFUSAL = /NOT_ENOUGH_REPLICAS|NotEnoughReplicas|fewer in-sync replicas/i;

/**
 * A refusal proves acks=all only when the broker itself refused the write (only an acks=all producer meets
 * min.insync.replicas), seen in its log; where logs cannot be read, when the answer names that refusal. A 5xx
 * without it may be a client that has not reached the new leader yet: an acks=1 producer answers the same.
 */
export function refusalProven(a: AcksAllAttempt, brokerLogs: boolean): boolean {
  if (is2xx(a.response.status)) return false;
  return brokerLogs ? (a.brokerRefusals ?? 0) > 0 : NAMES_REFUSAL.test(a.response.text ?? '');
}

/** An attempt that settles the question: accepted (acks=1), or refused by the broker (acks=all). */
export function conclusive(a: AcksAllAttempt, brokerLogs: boolean): boolean {
  return is2xx(a.response.status) || refusalProven(a, brokerLogs);
}

export function judgeAcksAll(o: AcksAllObs): Judgement {
  const isr = Math.max(0, ...o.isrDuringSend.map((s) => s.length));
  const data = { ...o };
  if (!succeeded(o.baseline)) {
    return missedSuccessPath(o.baseline, { fr: 'un refus sous panne', en: 'a refusal under faults' }, data);
  }
  const context = {
    fr: `Brokers ${o.stoppedBrokers.join(' et ')} arrêtés (ISR = ${isr} < min.insync.replicas=${o.minInsyncReplicas})`,
    en: `Brokers ${o.stoppedBrokers.join(' and ')} stopped (ISR = ${isr} < min.insync.replicas=${o.minInsyncReplicas})`,
  };
  const fix = settingFix('acks-all', o.clients);
  const accepted = o.attempts.find((a) => is2xx(a.response.status));
  if (accepted) {
    const at = o.landed ? ` (partition ${o.landed.partition}, offset ${o.landed.offset})` : '';
    return fail(
      {
        fr: `${context.fr} : l'envoi critique a été accepté (${accepted.response.status})${at} alors qu'un producteur en acks=all aurait été refusé (NOT_ENOUGH_REPLICAS). Le producteur critique n'utilise pas acks=all.${fix.fr}`,
        en: `${context.en}: the critical send was accepted (${accepted.response.status})${at}, where a producer with acks=all would have been refused (NOT_ENOUGH_REPLICAS). The critical producer does not use acks=all.${fix.en}`,
      },
      data,
    );
  }
  const proven = o.attempts.find((a) => refusalProven(a, o.brokerLogs));
  if (proven) {
    const how = o.brokerLogs
      ? {
          fr: `le broker leader a refusé ${proven.brokerRefusals} écriture(s) du topic (NOT_ENOUGH_REPLICAS)`,
          en: `the leader broker refused ${proven.brokerRefusals} write(s) of the topic (NOT_ENOUGH_REPLICAS)`,
        }
      : { fr: 'la réponse nomme NOT_ENOUGH_REPLICAS', en: 'the answer names NOT_ENOUGH_REPLICAS' };
    const answer = describeHttp(proven.response);
    return pass(
      {
        fr: `${context.fr} : l'envoi critique a été refusé (${answer.fr}) et ${how.fr}, comme avec acks=all.`,
        en: `${context.en}: the critical send was refused (${answer.en}) and ${how.en}, as with acks=all.`,
      },
      data,
    );
  }
  const answers = o.attempts.map((a) => describeHttp(a.response));
  const seen = o.brokerLogs
    ? {
        fr: "aucun broker n'a refusé d'écriture du topic pour manque de réplicas synchronisés (NOT_ENOUGH_REPLICAS) pendant ces envois",
        en: 'no broker refused a write of the topic for too few in-sync replicas (NOT_ENOUGH_REPLICAS) during these sends',
      }
    : { fr: 'aucune réponse ne nomme NOT_ENOUGH_REPLICAS', en: 'no answer names NOT_ENOUGH_REPLICAS' };
  return fail(
    {
      fr: `${context.fr} : ${o.attempts.length} envoi(s) critique(s) ont échoué (${answers.map((a) => a.fr).join(' ; ')}), mais ${seen.fr} : rien ne montre que le producteur demande acks=all.${fix.fr}`,
      en: `${context.en}: ${o.attempts.length} critical send(s) failed (${answers.map((a) => a.en).join('; ')}), but ${seen.en}: nothing shows the producer asks for acks=all.${fix.en}`,
    },
    data,
  );
}

/** At most this many critical sends while the ISR is short; a send that settles nothing is tried again. */
const MAX_ATTEMPTS = 4;

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
    observeWithAppLog(ctx, app, 'critical-acks-all', async () => {
      const endpoint = app.describeEndpoint('sync');
      const bound = NOTIFICATIONS_RULES.syncAnswerBoundMs + 5000;
      const baseline = await trySuccessPath(app, 'sync', 'NEW_MESSAGE');
      const base = {
        endpoint,
        baseline,
        minInsyncReplicas: NOTIFICATIONS_RULES.minInsyncReplicas,
        clients: solutionKafkaClients(ctx.solution.dir),
      };
      if (!succeeded(baseline))
        return { ...base, stoppedBrokers: [], isrDuringSend: [], brokerLogs: false, attempts: [] };
      return withFault(ctx, app, async () => {
        const leader = ctx.stack.brokers[0]!.id;
        const stopped = ctx.stack.brokers.slice(1).map((b) => b.id);
        // Both at once: each clean stop waits for its broker's controlled shutdown, which the other's does not delay.
        await Promise.all(stopped.map((id) => applyFault(ctx.stack, { kind: 'stop', target: { broker: id } })));
        const partitions = Array.from({ length: app.partitions }, (_, p) => p);
        const isrDuringSend = await waitFor(
          async () => {
            const states = await Promise.all(partitions.map((p) => ctx.stack.partitionState(app.topic, p)));
            return states.every((s) => s.isr.length === 1 && s.leader === leader)
              ? states.map((s) => s.isr)
              : undefined;
          },
          { timeoutMs: 30_000, what: 'the ISR of every partition to shrink to one broker' },
        );
        // The state is observed, not assumed: the grader's own acks=all write through the clients' proxies must
        // be refused as NOT_ENOUGH_REPLICAS before the solution's answer can be read against it.
        if (!(await graderWriteRefused(ctx.stack, app.topic))) {
          throw new GraderError(
            'STACK_NOT_READY',
            `with ISR = 1 and min.insync.replicas=${NOTIFICATIONS_RULES.minInsyncReplicas}, the grader's own acks=all write to ${app.topic} was not refused`,
            {
              hint: 'the brokers did not enforce min.insync.replicas: check the topic config and the stack provider',
            },
          );
        }
        const refusals = () => ctx.stack.notEnoughReplicasRefusals(app.topic);
        const firstCount = await refusals(); // the first send starts from it; later ones read again
        const brokerLogs = firstCount !== undefined;
        const attempts: AcksAllAttempt[] = [];
        let sent = baseline.sent;
        for (let i = 0; i < MAX_ATTEMPTS; i++) {
          sent = app.notification('NEW_MESSAGE');
          const before = i === 0 ? firstCount : await refusals();
          const response = await app.request('sync', sent, bound);
          const after = await refusals();
          const attempt = {
            response,
            ...(before !== undefined && after !== undefined ? { brokerRefusals: after - before } : {}),
          };
          attempts.push(attempt);
          if (conclusive(attempt, brokerLogs)) break;
          await delay(1000); // lets a client whose connection broke refresh its metadata
        }
        const accepted = attempts.some((a) => is2xx(a.response.status));
        const landed = accepted ? (await app.watcher.waitForContents([sent.content], 5000))[0] : undefined;
        return {
          ...base,
          stoppedBrokers: stopped,
          isrDuringSend,
          brokerLogs,
          attempts,
          landed: landed ? { partition: landed.partition, offset: landed.offset } : undefined,
        };
      });
    }),
  judge: judgeAcksAll,
};
