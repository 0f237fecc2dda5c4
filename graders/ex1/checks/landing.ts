import type { CheckDefinition, Judgement, RunContext } from '../../../engine/exercise.js';
import { describeHttp, is2xx, type HttpOutcome } from '../../../kit/solution/http-service.js';
import type { NotificationsApp } from '../../notifications/app.js';
import { LANDING_WAIT_MS, markDeadIfNothingServed, noteSuccessPath } from '../../notifications/success-path.js';
import type { Notification } from '../../notifications/contract.js';
import { observeWithAppLog } from '../../notifications/observe.js';
import type { WatchedRecord } from '../../../kit/readers/topic-watcher.js';
import { fail, pass } from '../../../kit/judging/judgement.js';
import { EX1_RULES } from '../rules.js';

export interface LandingObs {
  endpoint: string;
  sent: Notification;
  response: HttpOutcome;
  records: Pick<WatchedRecord, 'partition' | 'offset' | 'key' | 'json'>[];
  waitedMs: number;
}

const asInt = (v: unknown) =>
  typeof v === 'number' && Number.isInteger(v) ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined;

/** Pure: the notification is on the topic exactly once, with the contract's shape, where the answer said. */
export function judgeLanding(o: LandingObs): Judgement {
  const data = {
    endpoint: o.endpoint,
    sent: o.sent,
    status: o.response.status,
    responseMs: o.response.ms,
    response: o.response.json ?? o.response.text,
    records: o.records,
    waitedMs: o.waitedMs,
  };
  const http = describeHttp(o.response);
  if (!is2xx(o.response.status))
    return fail(
      {
        fr: `${o.endpoint} a répondu ${http.fr} à une notification valide (${o.sent.type}).`,
        en: `${o.endpoint} answered ${http.en} to a valid notification (${o.sent.type}).`,
      },
      data,
    );
  if (o.records.length === 0)
    return fail(
      {
        fr: `${o.endpoint} a répondu ${http.fr}, mais aucun message n'est arrivé sur le topic en ${(o.waitedMs / 1000).toFixed(0)} s.`,
        en: `${o.endpoint} answered ${http.en}, but no record reached the topic within ${(o.waitedMs / 1000).toFixed(0)} s.`,
      },
      data,
    );
  if (o.records.length > 1)
    return fail(
      {
        fr: `La notification est ${o.records.length} fois sur le topic (offsets ${o.records.map((r) => `${r.partition}:${r.offset}`).join(', ')}) : elle doit y être exactement une fois.`,
        en: `The notification is ${o.records.length} times on the topic (offsets ${o.records.map((r) => `${r.partition}:${r.offset}`).join(', ')}): it must be there exactly once.`,
      },
      data,
    );
  const r = o.records[0]!;
  if (r.key !== o.sent.userId)
    return fail(
      {
        fr: `Clé du message : ${JSON.stringify(r.key)} ; attendue : l'userId ${JSON.stringify(o.sent.userId)}.`,
        en: `Record key: ${JSON.stringify(r.key)}; expected the userId ${JSON.stringify(o.sent.userId)}.`,
      },
      data,
    );
  const wrong = (['type', 'userId', 'content'] as const).filter((f) => r.json?.[f] !== o.sent[f]);
  if (wrong.length)
    return fail(
      {
        fr: `La valeur du message n'a pas les champs attendus (${wrong.join(', ')}) : ${JSON.stringify(r.json)}.`,
        en: `The record's value lacks the expected fields (${wrong.join(', ')}): ${JSON.stringify(r.json)}.`,
      },
      data,
    );
  const body = (o.response.json ?? {}) as Record<string, unknown>;
  const p = asInt(body.partition);
  const off = asInt(body.offset);
  if (p !== undefined && off !== undefined && (p !== r.partition || off !== r.offset)) {
    return fail(
      {
        fr: `La réponse annonce partition ${p}, offset ${off}, mais le message est en partition ${r.partition}, offset ${r.offset} sur les brokers.`,
        en: `The answer says partition ${p}, offset ${off}, but the record is at partition ${r.partition}, offset ${r.offset} on the brokers.`,
      },
      data,
    );
  }
  const where =
    p !== undefined && off !== undefined
      ? { fr: ', comme annoncé par la réponse', en: ', as the answer said' }
      : { fr: '', en: '' };
  return pass(
    {
      fr: `Un seul message, clé ${r.key}, en partition ${r.partition} offset ${r.offset}${where.fr}.`,
      en: `Exactly one record, key ${r.key}, at partition ${r.partition} offset ${r.offset}${where.en}.`,
    },
    data,
  );
}

async function observeLanding(ctx: RunContext, app: NotificationsApp, endpoint: 'sync' | 'async'): Promise<LandingObs> {
  const sent = app.notification(endpoint === 'sync' ? 'NEW_MESSAGE' : 'LIKE');
  const response = await app.request(endpoint, sent);
  const waitedMs = LANDING_WAIT_MS;
  const records = is2xx(response.status)
    ? await app.watcher.waitForContents([sent.content], waitedMs, EX1_RULES.landingGraceMs)
    : app.watcher.withContent([sent.content]);
  const described = app.describeEndpoint(endpoint);
  noteSuccessPath(app, endpoint, { endpoint: described, sent, response, landed: records.length > 0 });
  markDeadIfNothingServed(ctx, app, ['sync-lands', 'async-lands']);
  return {
    endpoint: described,
    sent,
    response,
    records: records.map(({ partition, offset, key, json }) => ({ partition, offset, key, json })),
    waitedMs,
  };
}

export const syncLands: CheckDefinition<NotificationsApp, LandingObs> = {
  id: 'sync-lands',
  title: {
    fr: 'Envoi synchrone : le message arrive une fois, bien formé',
    en: 'Sync send: the record lands once, well formed',
  },
  points: 2,
  hint: {
    fr: 'Exercice 1.1 : le producteur synchrone envoie la notification (clé = userId, valeur JSON) et attend la confirmation de Kafka (send().get() / await send) avant de répondre partition et offset.',
    en: "Exercise 1.1: the synchronous producer sends the notification (key = userId, JSON value) and waits for Kafka's acknowledgement (send().get() / await send) before answering partition and offset.",
  },
  observe: (ctx, app) => observeWithAppLog(ctx, app, 'sync-lands', () => observeLanding(ctx, app, 'sync')),
  judge: judgeLanding,
};

export const asyncLands: CheckDefinition<NotificationsApp, LandingObs> = {
  id: 'async-lands',
  title: {
    fr: 'Envoi asynchrone : le message arrive une fois, bien formé',
    en: 'Async send: the record lands once, well formed',
  },
  points: 2,
  hint: {
    fr: 'Exercice 1.2 : le producteur asynchrone envoie la notification (clé = userId, valeur JSON) sans attendre, et traite le résultat dans un callback.',
    en: 'Exercise 1.2: the asynchronous producer sends the notification (key = userId, JSON value) without waiting, and handles the outcome in a callback.',
  },
  observe: (ctx, app) => observeWithAppLog(ctx, app, 'async-lands', () => observeLanding(ctx, app, 'async')),
  judge: judgeLanding,
};
