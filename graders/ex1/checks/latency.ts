import { settingFix } from '../../../kit/solution/client-settings.js';
import { solutionKafkaClients, type DetectedClient } from '../../../kit/solution/kafka-client.js';
import type { CheckDefinition, Judgement, RunContext } from '../../../engine/exercise.js';
import { applyFault } from '../../../kit/faults/faults.js';
import { describeHttp, is2xx, type HttpOutcome } from '../../../kit/solution/http-service.js';
import type { NotificationsApp } from '../../notifications/app.js';
import { observeWithAppLog, withFault } from '../../notifications/observe.js';
import { latencyChart } from '../../../kit/judging/charts.js';
import { fail, pass } from '../../../kit/judging/judgement.js';
import { EX1_RULES } from '../rules.js';

/** Latency added to every broker's responses while a send is timed. */
export const INJECTED_LATENCY_MS = EX1_RULES.injectedLatencyMs;
/** An async answer slower than this under the injected latency waited for the acknowledgement. */
export const ASYNC_ANSWER_BOUND_MS = 400;

export interface LatencyObs {
  endpoint: string;
  latencyMs: number;
  response: HttpOutcome;
  /** Whether the record reached the topic (a slow 2xx without a record waited for nothing). */
  arrived?: boolean;
  /** The Kafka clients the solution's dependency files declare (the fix is given in their terms). */
  clients?: DetectedClient[];
}

async function underLatency(
  ctx: RunContext,
  app: NotificationsApp,
  fn: () => Promise<LatencyObs>,
): Promise<LatencyObs> {
  return withFault(ctx, app, async () => {
    await applyFault(ctx.stack, {
      kind: 'toxic',
      target: 'all',
      toxic: { type: 'latency', stream: 'downstream', attributes: { latency: INJECTED_LATENCY_MS, jitter: 0 } },
    });
    return fn();
  });
}

export function judgeSyncWaits(o: LatencyObs): Judgement {
  const data = { ...o };
  const charts = [latencyChart({ responseMs: o.response.ms, injectedMs: o.latencyMs }, ['latencyMs', 'response'])];
  if (!is2xx(o.response.status)) {
    const http = describeHttp(o.response);
    return fail(
      {
        fr: `Avec ${o.latencyMs} ms de latence côté brokers, ${o.endpoint} a répondu ${http.fr} au lieu d'attendre l'accusé de réception.`,
        en: `With ${o.latencyMs} ms of broker latency, ${o.endpoint} answered ${http.en} instead of waiting for the acknowledgement.`,
      },
      data,
      { charts },
    );
  }
  if (o.arrived === false) {
    return fail(
      {
        fr: `L'appel synchrone a répondu ${o.response.status} en ${o.response.ms} ms, mais le message n'est jamais arrivé sur le topic : il n'y avait pas d'accusé de réception à attendre.`,
        en: `The sync call answered ${o.response.status} after ${o.response.ms} ms, but the record never reached the topic: there was no acknowledgement to wait for.`,
      },
      data,
      { charts },
    );
  }
  if (o.response.ms < o.latencyMs) {
    const fix = settingFix('wait-for-ack', o.clients);
    return fail(
      {
        fr: `L'appel synchrone a répondu en ${o.response.ms} ms alors que le broker avait besoin de ${o.latencyMs} ms pour accuser réception : l'envoi n'a pas été attendu.${fix.fr}`,
        en: `The sync call returned after ${o.response.ms} ms while the broker needed ${o.latencyMs} ms to acknowledge: the send was not awaited.${fix.en}`,
      },
      data,
      { charts },
    );
  }
  return pass(
    {
      fr: `L'appel synchrone a pris ${o.response.ms} ms pour ${o.latencyMs} ms de latence injectée : il attend bien l'accusé de réception.`,
      en: `The sync call took ${o.response.ms} ms with ${o.latencyMs} ms of injected latency: it waits for the acknowledgement.`,
    },
    data,
    { charts },
  );
}

export function judgeAsyncFast(o: LatencyObs): Judgement {
  const data = { ...o, boundMs: ASYNC_ANSWER_BOUND_MS };
  const charts = [
    latencyChart({ responseMs: o.response.ms, injectedMs: o.latencyMs, boundMs: ASYNC_ANSWER_BOUND_MS }, [
      'latencyMs',
      'response',
      'boundMs',
    ]),
  ];
  if (!is2xx(o.response.status)) {
    const http = describeHttp(o.response);
    return fail(
      {
        fr: `Avec ${o.latencyMs} ms de latence, ${o.endpoint} a répondu ${http.fr}.`,
        en: `With ${o.latencyMs} ms of latency, ${o.endpoint} answered ${http.en}.`,
      },
      data,
      { charts },
    );
  }
  if (o.response.ms >= ASYNC_ANSWER_BOUND_MS) {
    return fail(
      {
        fr: `L'appel asynchrone a mis ${o.response.ms} ms à répondre avec ${o.latencyMs} ms de latence côté brokers : il attend l'accusé de réception (attendu : moins de ${ASYNC_ANSWER_BOUND_MS} ms).`,
        en: `The async call took ${o.response.ms} ms to answer with ${o.latencyMs} ms of broker latency: it waits for the acknowledgement (expected under ${ASYNC_ANSWER_BOUND_MS} ms).`,
      },
      data,
      { charts },
    );
  }
  if (!o.arrived) {
    return fail(
      {
        fr: `L'appel asynchrone a répondu vite (${o.response.ms} ms) mais le message n'est jamais arrivé sur le topic.`,
        en: `The async call answered fast (${o.response.ms} ms) but the record never reached the topic.`,
      },
      data,
      { charts },
    );
  }
  return pass(
    {
      fr: `L'appel asynchrone a répondu en ${o.response.ms} ms malgré ${o.latencyMs} ms de latence, et le message est bien arrivé.`,
      en: `The async call answered in ${o.response.ms} ms despite ${o.latencyMs} ms of latency, and the record arrived.`,
    },
    data,
    { charts },
  );
}

export const syncWaitsForAck: CheckDefinition<NotificationsApp, LatencyObs> = {
  id: 'sync-waits-for-ack',
  title: {
    fr: "Le synchrone attend l'accusé de réception du broker",
    en: "Sync waits for the broker's acknowledgement",
  },
  points: 3,
  hint: {
    fr: 'Exercice 1.1 : « assurez-vous que le producteur attend la confirmation de Kafka avant de continuer » : send(...).get() en Java, await producer.send(...) avec kafkajs, avant de répondre.',
    en: 'Exercise 1.1: "make sure the producer waits for Kafka\'s confirmation before going on": send(...).get() in Java, await producer.send(...) with kafkajs, before answering.',
  },
  needs: { faults: true },
  observe: (ctx, app) =>
    observeWithAppLog(ctx, app, 'sync-waits-for-ack', () =>
      underLatency(ctx, app, async () => {
        const sent = app.notification('NEW_MESSAGE');
        const response = await app.request('sync', sent);
        const arrived =
          is2xx(response.status) && (await app.watcher.waitForContents([sent.content], 10_000, 0)).length > 0;
        return {
          endpoint: app.describeEndpoint('sync'),
          latencyMs: INJECTED_LATENCY_MS,
          response,
          arrived,
          clients: solutionKafkaClients(ctx.solution.dir),
        };
      }),
    ),
  judge: judgeSyncWaits,
};

export const asyncDoesNotBlock: CheckDefinition<NotificationsApp, LatencyObs> = {
  id: 'async-does-not-block',
  title: { fr: "L'asynchrone ne bloque pas sur un broker lent", en: 'Async does not block on a slow broker' },
  points: 2,
  hint: {
    fr: "Exercice 1.2 : l'endpoint asynchrone rend la main tout de suite ; le résultat de l'envoi est traité dans le callback (whenComplete / .then/.catch), jamais attendu par la requête HTTP.",
    en: "Exercise 1.2: the async endpoint returns at once; the send's outcome is handled in the callback (whenComplete / .then/.catch), never awaited by the HTTP request.",
  },
  needs: { faults: true },
  observe: (ctx, app) =>
    observeWithAppLog(ctx, app, 'async-does-not-block', () =>
      underLatency(ctx, app, async () => {
        const sent = app.notification('LIKE');
        const response = await app.request('async', sent);
        const arrived =
          is2xx(response.status) && (await app.watcher.waitForContents([sent.content], 10_000, 0)).length > 0;
        return { endpoint: app.describeEndpoint('async'), latencyMs: INJECTED_LATENCY_MS, response, arrived };
      }),
    ),
  judge: judgeAsyncFast,
};
