import { settingFix } from '../../../kit/solution/client-settings.js';
import { solutionKafkaClients, type DetectedClient } from '../../../kit/solution/kafka-client.js';
import { delay } from '../../../core/wait-for.js';
import type { CheckDefinition, Judgement, RunContext } from '../../../engine/exercise.js';
import { applyFault } from '../../../kit/faults/faults.js';
import { describeHttp, is2xx, is5xx, type HttpOutcome } from '../../../kit/solution/http-service.js';
import type { NotificationsApp } from '../../notifications/app.js';
import { NOTIFICATIONS_RULES } from '../../notifications/contract.js';
import { observeWithAppLog, withFault } from '../../notifications/observe.js';
import { missedSuccessPath, succeeded, trySuccessPath, type SuccessPath } from '../../notifications/success-path.js';
import { fail, pass } from '../../../kit/judging/judgement.js';

export const FAILURE_REPORT_BOUND_MS = 20_000;

export interface SyncUnreachableObs {
  endpoint: string;
  /** A valid notification accepted and landed just before the fault (convention 10). */
  before: SuccessPath;
  /** The answer with every broker unreachable; absent when the success path was not shown. */
  response?: HttpOutcome;
  boundMs: number;
  /** The Kafka clients the solution's dependency files declare (the fix is given in their terms). */
  clients?: DetectedClient[];
}

export function judgeSyncUnreachable(o: SyncUnreachableObs): Judgement {
  const data = { ...o };
  if (!succeeded(o.before) || !o.response)
    return missedSuccessPath(
      o.before,
      { fr: "une réponse d'erreur brokers injoignables", en: 'an error answer with the brokers unreachable' },
      data,
    );
  const http = describeHttp(o.response);
  if (is2xx(o.response.status)) {
    return fail(
      {
        fr: `Aucun broker n'était joignable, et ${o.endpoint} a pourtant répondu ${http.fr} (succès) : l'échec de l'envoi n'est pas remonté.`,
        en: `No broker was reachable, yet ${o.endpoint} answered ${http.en} (success): the failed send was not reported.`,
      },
      data,
    );
  }
  if (o.response.status === 'timeout' || o.response.ms > o.boundMs) {
    const fix = settingFix('bounded-send', o.clients);
    return fail(
      {
        fr: `Brokers injoignables : ${o.endpoint} n'a pas répondu en ${o.boundMs / 1000} s (${http.fr}). Bornez l'attente (delivery.timeout.ms, request.timeout.ms, get(timeout)).${fix.fr}`,
        en: `Brokers unreachable: ${o.endpoint} did not answer within ${o.boundMs / 1000} s (${http.en}). Bound the wait (delivery.timeout.ms, request.timeout.ms, get(timeout)).${fix.en}`,
      },
      data,
    );
  }
  if (!is5xx(o.response.status)) {
    return fail(
      {
        fr: `Brokers injoignables : ${o.endpoint} a répondu ${http.fr}. Le contrat demande une 5xx quand l'envoi échoue (le client n'y est pour rien).`,
        en: `Brokers unreachable: ${o.endpoint} answered ${http.en}. The contract asks for a 5xx when the send fails (it is not the client's fault).`,
      },
      data,
    );
  }
  return pass(
    {
      fr: `Une notification valide était arrivée juste avant ; brokers injoignables : ${o.endpoint} a signalé l'échec (${http.fr}).`,
      en: `A valid notification had landed just before; brokers unreachable: ${o.endpoint} reported the failure (${http.en}).`,
    },
    data,
  );
}

export interface AsyncFailureObs {
  endpoint: string;
  failuresEndpoint: string;
  /** A valid notification accepted and landed just before the fault (convention 10). */
  success: SuccessPath;
  /** The async answer with every broker unreachable; absent when the success path was not shown. */
  response?: HttpOutcome;
  before?: number;
  after?: number;
  waitedMs: number;
}

export function judgeAsyncFailure(o: AsyncFailureObs): Judgement {
  const data = { ...o };
  if (!succeeded(o.success))
    return missedSuccessPath(
      o.success,
      { fr: "un compteur d'échecs qui monte", en: 'a failure counter going up' },
      data,
    );
  if (o.before === undefined || o.after === undefined || !o.response) {
    return fail(
      {
        fr: `${o.failuresEndpoint} ne répond pas {"failed": n} comme le contrat le demande : les échecs du callback ne sont pas observables.`,
        en: `${o.failuresEndpoint} does not answer {"failed": n} as the contract asks: the callback's failures cannot be observed.`,
      },
      data,
    );
  }
  if (o.after <= o.before) {
    return fail(
      {
        fr: `Brokers injoignables : l'envoi asynchrone a échoué mais le compteur d'échecs est resté à ${o.after} pendant ${o.waitedMs / 1000} s : le callback avale l'erreur.`,
        en: `Brokers unreachable: the async send failed but the failure counter stayed at ${o.after} for ${o.waitedMs / 1000} s: the callback swallows the error.`,
      },
      data,
    );
  }
  return pass(
    {
      fr: `Brokers injoignables : le callback a compté l'échec (compteur ${o.before} → ${o.after}).`,
      en: `Brokers unreachable: the callback counted the failure (counter ${o.before} → ${o.after}).`,
    },
    data,
  );
}

async function allLinksDown(ctx: RunContext): Promise<void> {
  await applyFault(ctx.stack, { kind: 'link-down', target: 'all' });
}

export const syncReportsUnreachable: CheckDefinition<NotificationsApp, SyncUnreachableObs> = {
  id: 'sync-reports-unreachable',
  title: { fr: 'Le synchrone signale un broker injoignable', en: 'Sync reports an unreachable broker' },
  points: 2,
  hint: {
    fr: "Un envoi synchrone qui échoue doit remonter une erreur (5xx) au client, dans un temps borné : attrapez l'exception de send().get() et configurez delivery.timeout.ms / request.timeout.ms.",
    en: "A failed synchronous send must reach the client as an error (5xx), within a bounded time: catch send().get()'s exception and set delivery.timeout.ms / request.timeout.ms.",
  },
  needs: { faults: true },
  observe: (ctx, app) =>
    observeWithAppLog(ctx, app, 'sync-reports-unreachable', async (): Promise<SyncUnreachableObs> => {
      const endpoint = app.describeEndpoint('sync');
      const before = await trySuccessPath(app, 'sync', 'NEW_MESSAGE');
      if (!succeeded(before)) return { endpoint, before, boundMs: NOTIFICATIONS_RULES.syncAnswerBoundMs };
      return withFault(ctx, app, async () => {
        await allLinksDown(ctx);
        const response = await app.request(
          'sync',
          app.notification('NEW_MESSAGE'),
          NOTIFICATIONS_RULES.syncAnswerBoundMs + 5000,
        );
        return {
          endpoint,
          before,
          response,
          boundMs: NOTIFICATIONS_RULES.syncAnswerBoundMs,
          clients: solutionKafkaClients(ctx.solution.dir),
        };
      });
    }),
  judge: judgeSyncUnreachable,
};

export const asyncReportsFailure: CheckDefinition<NotificationsApp, AsyncFailureObs> = {
  id: 'async-reports-failure',
  title: { fr: "L'asynchrone signale l'échec par son callback", en: 'Async reports the failure through its callback' },
  points: 2,
  hint: {
    fr: 'Exercice 1.2 : « utilisez des callbacks pour gérer les confirmations ou les échecs » : dans le callback, une exception doit être traitée (journal, compteur, nouvelle tentative), jamais ignorée.',
    en: 'Exercise 1.2: "use callbacks to handle confirmations or failures": in the callback an exception must be handled (log, counter, retry), never ignored.',
  },
  needs: { faults: true },
  observe: (ctx, app) =>
    observeWithAppLog(ctx, app, 'async-reports-failure', async (): Promise<AsyncFailureObs> => {
      const endpoint = app.describeEndpoint('async');
      const failuresEndpoint = app.describeEndpoint('failures');
      const success = await trySuccessPath(app, 'async', 'LIKE');
      if (!succeeded(success)) return { endpoint, failuresEndpoint, success, waitedMs: FAILURE_REPORT_BOUND_MS };
      const before = await app.failures();
      return withFault(ctx, app, async () => {
        await allLinksDown(ctx);
        const response = await app.request(
          'async',
          app.notification('LIKE'),
          NOTIFICATIONS_RULES.syncAnswerBoundMs + 5000,
        );
        const t = performance.now();
        let after = before;
        while (before !== undefined && performance.now() - t < FAILURE_REPORT_BOUND_MS) {
          after = await app.failures();
          if (after === undefined || after > before) break;
          await delay(250);
        }
        return { endpoint, failuresEndpoint, success, response, before, after, waitedMs: FAILURE_REPORT_BOUND_MS };
      });
    }),
  judge: judgeAsyncFailure,
};
