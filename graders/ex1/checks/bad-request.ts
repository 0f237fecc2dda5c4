import type { CheckDefinition, Judgement } from '../../../engine/exercise.js';
import { describeHttp, is2xx, type HttpOutcome } from '../../../kit/solution/http-service.js';
import type { NotificationsApp } from '../../notifications/app.js';
import { observeWithAppLog } from '../../notifications/observe.js';
import { describeMiss, succeeded, trySuccessPath, type SuccessPath } from '../../notifications/success-path.js';
import { fail, pass } from '../../../kit/judging/judgement.js';

export interface BadRequestObs {
  /** A valid notification on each endpoint first: a 4xx only means "malformed" from an endpoint that serves. */
  before: SuccessPath[];
  attempts: { endpoint: string; body: string; response: HttpOutcome }[];
  /** A valid notification sent afterwards: is the service still serving? */
  afterwards?: HttpOutcome;
}

const is4xx = (s: HttpOutcome['status']) => typeof s === 'number' && s >= 400 && s < 500;

export function judgeBadRequest(o: BadRequestObs): Judgement {
  const data = { ...o };
  const missed = o.before.filter((p) => !succeeded(p));
  if (missed.length) {
    const list = missed.map(describeMiss);
    return fail(
      {
        fr: `Précondition non remplie : ${list.map((m) => m.fr).join(' ; ')}. Un endpoint qui refuse déjà le corps du contrat ne montre rien en refusant un corps malformé.`,
        en: `Precondition not met: ${list.map((m) => m.en).join('; ')}. An endpoint that already refuses the contract's body shows nothing by refusing a malformed one.`,
      },
      data,
    );
  }
  const wrong = o.attempts.filter((a) => !is4xx(a.response.status));
  if (wrong.length) {
    const list = wrong.map((a) => ({
      fr: `${a.endpoint} ${a.body} → ${describeHttp(a.response).fr}`,
      en: `${a.endpoint} ${a.body} → ${describeHttp(a.response).en}`,
    }));
    return fail(
      {
        fr: `Requêtes invalides sans réponse 4xx : ${list.map((l) => l.fr).join(' ; ')}. Un corps malformé est une erreur du client (400), pas du serveur.`,
        en: `Invalid requests without a 4xx answer: ${list.map((l) => l.en).join('; ')}. A malformed body is the client's error (400), not the server's.`,
      },
      data,
    );
  }
  if (!o.afterwards || !is2xx(o.afterwards.status)) {
    const http = o.afterwards ? describeHttp(o.afterwards) : { fr: 'rien', en: 'nothing' };
    return fail(
      {
        fr: `Une notification valide était acceptée avant les requêtes invalides ; après elles, une notification valide a reçu ${http.fr} : le service ne sert plus.`,
        en: `A valid notification was accepted before the invalid requests; after them, a valid notification got ${http.en}: the service no longer serves.`,
      },
      data,
    );
  }
  return pass(
    {
      fr: `Les ${o.attempts.length} requêtes invalides ont reçu une 4xx, et le service sert toujours des notifications valides.`,
      en: `All ${o.attempts.length} invalid requests got a 4xx, and the service still serves valid notifications.`,
    },
    data,
  );
}

export const badRequest: CheckDefinition<NotificationsApp, BadRequestObs> = {
  id: 'bad-request',
  title: { fr: 'Une requête malformée reçoit une 4xx', en: 'A malformed request gets a 4xx' },
  points: 1,
  hint: {
    fr: 'Validez le corps des requêtes (JSON, type connu, userId présent) et répondez 400 avec un message ; une exception non gérée donne une 500.',
    en: 'Validate request bodies (JSON, known type, userId present) and answer 400 with a message; an unhandled exception gives a 500.',
  },
  observe: (ctx, app) =>
    observeWithAppLog(ctx, app, 'bad-request', async () => {
      const before = [await trySuccessPath(app, 'sync', 'NEW_MESSAGE'), await trySuccessPath(app, 'async', 'COMMENT')];
      if (!before.every(succeeded)) return { before, attempts: [] };
      const cases: { endpoint: 'sync' | 'async'; body: string }[] = [
        { endpoint: 'sync', body: '{"type": "NEW_MESSAGE", "userId": ' },
        { endpoint: 'async', body: 'not json at all' },
        { endpoint: 'sync', body: JSON.stringify({ type: 'NEW_MESSAGE', content: 'no user' }) },
        { endpoint: 'async', body: JSON.stringify({ type: 'SPAM', userId: 'u-1', content: 'unknown type' }) },
      ];
      const attempts = [];
      for (const c of cases)
        attempts.push({
          endpoint: app.describeEndpoint(c.endpoint),
          body: c.body,
          response: await app.request(c.endpoint, c.body, 10_000),
        });
      const afterwards = await app.request('async', app.notification('COMMENT'), 10_000);
      return { before, attempts, afterwards };
    }),
  judge: judgeBadRequest,
};
