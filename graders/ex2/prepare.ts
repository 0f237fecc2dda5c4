import type { RunContext } from '../../engine/exercise.js';
import { startNotificationsApp, type NotificationsApp } from '../notifications/app.js';
import { GENERAL_TYPES } from '../notifications/contract.js';
import { sendAndPlace, type Placement } from './traffic.js';

export const GENERAL_SAMPLE = 300;

export interface Ex2Prepared {
  app: NotificationsApp;
  /** General notifications with distinct random keys through the async endpoint; sent once, judged by two checks. */
  generalBatch: () => Promise<Placement[]>;
}

export async function prepareEx2(ctx: RunContext): Promise<Ex2Prepared> {
  const app = await startNotificationsApp(ctx);
  let batch: Promise<Placement[]> | undefined;
  return {
    app,
    generalBatch: () => (batch ??= sendAndPlace(app, 'async', Array.from({ length: GENERAL_SAMPLE }, () => app.notification(ctx.rng.pick(GENERAL_TYPES))))),
  };
}
