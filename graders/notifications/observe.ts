import type { RunContext } from '../../engine/exercise.js';
import { withHealing } from '../../kit/faults/faults.js';
import type { NotificationsApp } from './app.js';

/** Runs one check's observation, attaching the application's output during it to the report. */
export function observeWithAppLog<T>(
  ctx: RunContext,
  app: NotificationsApp,
  phase: string,
  fn: () => Promise<T>,
): Promise<T> {
  return app.service.observe(ctx, phase, fn);
}

/**
 * Runs a fault scenario and always heals the stack afterwards (toxics off, links up, brokers back, ISR full);
 * after the grading's last check, in the background (the next user of the stack waits for it).
 */
export function withFault<T>(ctx: RunContext, app: NotificationsApp, fn: () => Promise<T>): Promise<T> {
  return withHealing(
    ctx.stack,
    { topic: app.topic, partitions: Array.from({ length: app.partitions }, (_, p) => p) },
    fn,
    ctx.lastCheck === true,
  );
}
