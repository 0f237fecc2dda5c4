import type { CheckDefinition, Judgement } from '../../../engine/exercise.js';
import { is2xx, type HttpOutcome, type NotificationsApp } from '../../notifications/app.js';
import { observeWithAppLog } from '../../notifications/observe.js';

export interface BadRequestObs {
  attempts: { endpoint: string; body: string; status: HttpOutcome['status'] }[];
  /** A valid notification sent afterwards: is the service still serving? */
  afterwards: HttpOutcome['status'];
}

const is4xx = (s: number | string) => typeof s === 'number' && s >= 400 && s < 500;

export function judgeBadRequest(o: BadRequestObs): Judgement {
  const data = { ...o };
  const wrong = o.attempts.filter((a) => !is4xx(a.status));
  if (wrong.length) {
    const list = wrong.map((a) => `${a.endpoint} ${a.body} → ${a.status}`).join(' ; ');
    return { status: 'fail', evidence: { summary: { fr: `Requêtes invalides sans réponse 4xx : ${list}. Un corps malformé est une erreur du client (400), pas du serveur.`, en: `Invalid requests without a 4xx answer: ${list}. A malformed body is the client's error (400), not the server's.` }, data } };
  }
  if (!is2xx(o.afterwards)) {
    return { status: 'fail', evidence: { summary: { fr: `Après les requêtes invalides, une notification valide a reçu ${o.afterwards} : le service ne sert plus.`, en: `After the invalid requests, a valid notification got ${o.afterwards}: the service no longer serves.` }, data } };
  }
  return { status: 'pass', evidence: { summary: { fr: `Les ${o.attempts.length} requêtes invalides ont reçu une 4xx et le service sert toujours.`, en: `All ${o.attempts.length} invalid requests got a 4xx and the service still serves.` }, data } };
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
      const cases: { endpoint: 'sync' | 'async'; body: string }[] = [
        { endpoint: 'sync', body: '{"type": "NEW_MESSAGE", "userId": ' },
        { endpoint: 'async', body: 'not json at all' },
        { endpoint: 'sync', body: JSON.stringify({ type: 'NEW_MESSAGE', content: 'no user' }) },
        { endpoint: 'async', body: JSON.stringify({ type: 'SPAM', userId: 'u-1', content: 'unknown type' }) },
      ];
      const attempts = [];
      for (const c of cases) attempts.push({ endpoint: app.describeEndpoint(c.endpoint), body: c.body, status: (await app.request(c.endpoint, c.body, 10_000)).status });
      const afterwards = (await app.request('async', app.notification('COMMENT'), 10_000)).status;
      return { attempts, afterwards };
    }),
  judge: judgeBadRequest,
};
