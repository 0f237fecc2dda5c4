import type { Localized } from '../../model/verdict.js';
import type { Judgement, RunContext } from '../../engine/exercise.js';
import { describeHttp, is2xx, type HttpOutcome } from '../../kit/solution/http-service.js';
import type { NotificationsApp } from './app.js';
import type { Notification, NotificationType } from './contract.js';
import { fail } from '../../kit/judging/judgement.js';

/** How long a notification accepted on the success path may take to reach the topic. */
export const LANDING_WAIT_MS = 10_000;

/**
 * The success path a check shows before it rewards a failure signal (an error answer, a 4xx, a counter that
 * moved): the same endpoint accepted a valid notification and it landed on the topic (convention 10).
 */
export interface SuccessPath {
  endpoint: string;
  sent: Notification;
  response: HttpOutcome;
  landed: boolean;
}

/** The last valid notification tried on each endpoint of an app, and how it went. */
const tried = new WeakMap<NotificationsApp, Partial<Record<'sync' | 'async', SuccessPath>>>();

/** Records a success path a check tried (the fail-fast rule looks at the last one of each endpoint). */
export function noteSuccessPath(app: NotificationsApp, endpoint: 'sync' | 'async', path: SuccessPath): void {
  tried.set(app, { ...tried.get(app), [endpoint]: path });
}

export async function trySuccessPath(
  app: NotificationsApp,
  endpoint: 'sync' | 'async',
  type: NotificationType,
): Promise<SuccessPath> {
  const sent = app.notification(type);
  const response = await app.request(endpoint, sent);
  const landed =
    is2xx(response.status) && (await app.watcher.waitForContents([sent.content], LANDING_WAIT_MS, 0)).length > 0;
  const path = { endpoint: app.describeEndpoint(endpoint), sent, response, landed };
  noteSuccessPath(app, endpoint, path);
  return path;
}

export const succeeded = (p: SuccessPath) => is2xx(p.response.status) && p.landed;

/** What the grader saw of a success path that did not succeed ("answered 400 after 3 ms, body: ..."). */
export function describeMiss(p: SuccessPath): Localized {
  const http = describeHttp(p.response);
  if (!is2xx(p.response.status))
    return {
      fr: `${p.endpoint} a répondu ${http.fr} à une notification valide`,
      en: `${p.endpoint} answered ${http.en} to a valid notification`,
    };
  return {
    fr: `${p.endpoint} a répondu ${http.fr}, mais la notification n'est pas arrivée sur le topic en ${LANDING_WAIT_MS / 1000} s`,
    en: `${p.endpoint} answered ${http.en}, but the notification did not reach the topic within ${LANDING_WAIT_MS / 1000} s`,
  };
}

/**
 * The precondition verdict: the endpoint never showed the success path, so its failure signal proves nothing.
 * `signal` names what would have been credited ("its 5xx under unreachable brokers").
 */
export function missedSuccessPath(p: SuccessPath, signal: Localized, data: Record<string, unknown>): Judgement {
  const miss = describeMiss(p);
  return fail(
    {
      fr: `Précondition non remplie : juste avant la panne, ${miss.fr} ; ${signal.fr} ne prouverait donc rien.`,
      en: `Precondition not met: just before the fault, ${miss.en}; ${signal.en} would therefore prove nothing.`,
    },
    { ...data, precondition: p },
  );
}

/** A miss in a few words ("POST /notifications/sync answered 400"): its full answer is in the check that saw it. */
export function describeMissBriefly(p: SuccessPath): Localized {
  const s = p.response.status;
  if (s === 'timeout') return { fr: `${p.endpoint} n'a pas répondu`, en: `${p.endpoint} did not answer` };
  if (s === 'refused') return { fr: `${p.endpoint} a refusé la connexion`, en: `${p.endpoint} refused the connection` };
  if (!is2xx(s)) return { fr: `${p.endpoint} a répondu ${s}`, en: `${p.endpoint} answered ${s}` };
  return {
    fr: `${p.endpoint} a répondu ${s} sans que la notification arrive sur le topic`,
    en: `${p.endpoint} answered ${s} but the notification did not reach the topic`,
  };
}

/**
 * Fail fast: once both endpoints were tried and neither accepted-and-landed a valid notification, every later
 * check would only fail its precondition; they fail at once, naming the checks that show the answers (one cause,
 * shown once: the bodies and the service's log lines are in those checks' evidence).
 */
export function markDeadIfNothingServed(ctx: RunContext, app: NotificationsApp, shownBy: string[] = []): void {
  const sync = tried.get(app)?.sync;
  const async = tried.get(app)?.async;
  if (!sync || !async || succeeded(sync) || succeeded(async)) return;
  const s = describeMissBriefly(sync);
  const a = describeMissBriefly(async);
  const where = shownBy.length
    ? { fr: ` ; réponses complètes dans ${shownBy.join(' et ')}`, en: `; full answers under ${shownBy.join(' and ')}` }
    : { fr: '', en: '' };
  ctx.markDead({
    fr: `aucun des deux endpoints n'a servi une notification valide (${s.fr}, ${a.fr}${where.fr})`,
    en: `neither endpoint served a valid notification (${s.en}, ${a.en}${where.en})`,
  });
}
