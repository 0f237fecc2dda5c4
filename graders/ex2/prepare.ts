import type { Localized } from '../../model/verdict.js';
import type { RunContext } from '../../engine/exercise.js';
import { startNotificationsApp, type NotificationsApp } from '../notifications/app.js';
import { GENERAL_TYPES, type Notification } from '../notifications/contract.js';
import { observeWithAppLog } from '../notifications/observe.js';
import { describeAnswers, sendAndPlace, type Placement } from './traffic.js';

export const GENERAL_SAMPLE = 300;

type Endpoint = 'sync' | 'async';

export interface Ex2Prepared {
  app: NotificationsApp;
  /** Sends through one endpoint and finds where each landed; every send is kept for the fail-fast rule. */
  send(endpoint: Endpoint, notifications: Notification[], concurrency?: number | 'per-key'): Promise<Placement[]>;
  /** General notifications with distinct random keys through the async endpoint; sent once, judged by two checks. */
  generalBatch: () => Promise<Placement[]>;
  /** Every notification sent so far, per endpoint. */
  sent: Record<Endpoint, Placement[]>;
}

export async function prepareEx2(ctx: RunContext): Promise<Ex2Prepared> {
  const app = await startNotificationsApp(ctx);
  const sent: Ex2Prepared['sent'] = { sync: [], async: [] };
  const send: Ex2Prepared['send'] = async (endpoint, notifications, concurrency) => {
    const placements = await sendAndPlace(app, endpoint, notifications, concurrency);
    sent[endpoint].push(...placements);
    return placements;
  };
  let batch: Promise<Placement[]> | undefined;
  return {
    app,
    send,
    sent,
    generalBatch: () =>
      (batch ??= send(
        'async',
        Array.from({ length: GENERAL_SAMPLE }, () => app.notification(ctx.rng.pick(GENERAL_TYPES))),
      )),
  };
}

/**
 * When both endpoints were tried and not one notification reached the topic, every check of ex2 (which all
 * judge where notifications landed) has nothing to judge: why the service is dead, as observed. Pure.
 */
export function nothingLanded(sent: Ex2Prepared['sent'], describe: (e: Endpoint) => string): Localized | undefined {
  const all = [...sent.sync, ...sent.async];
  if (!sent.sync.length || !sent.async.length || all.some((p) => p.partition !== undefined)) return undefined;
  const part = (e: Endpoint) => {
    const a = describeAnswers(sent[e]);
    return {
      fr: `${describe(e)} : ${sent[e].length} envoyées, ${a.fr}`,
      en: `${describe(e)}: ${sent[e].length} sent, ${a.en}`,
    };
  };
  const s = part('sync');
  const a = part('async');
  return {
    fr: `aucune notification envoyée par l'un ou l'autre endpoint n'est arrivée sur le topic (${s.fr} ; ${a.fr})`,
    en: `no notification sent through either endpoint reached the topic (${s.en}; ${a.en})`,
  };
}

/** A check's observation with the application's output attached, then the fail-fast rule. */
export async function observeEx2<T>(
  ctx: RunContext,
  prepared: Ex2Prepared,
  phase: string,
  fn: (p: Ex2Prepared) => Promise<T>,
): Promise<T> {
  const obs = await observeWithAppLog(ctx, prepared.app, phase, () => fn(prepared));
  const dead = nothingLanded(prepared.sent, (e) => prepared.app.describeEndpoint(e));
  if (dead && !ctx.dead) ctx.markDead(dead);
  return obs;
}
