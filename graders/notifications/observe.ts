import type { RunContext } from '../../engine/exercise.js';
import type { NotificationsApp } from './app.js';

/** Runs one check's observation, attaching the application's output during it to the report. */
export async function observeWithAppLog<T>(ctx: RunContext, app: NotificationsApp, phase: string, fn: () => Promise<T>): Promise<T> {
  const mark = app.proc.mark();
  try {
    const obs = await fn();
    // Died during the check: an error with the crash, not a verdict on what a dying process answered.
    app.assertAlive();
    return obs;
  } catch (e) {
    app.assertAlive();
    throw e;
  } finally {
    ctx.addLog(app.proc.logSince(mark, phase));
  }
}

/** Runs a fault scenario and always heals the stack afterwards (toxics off, links up, brokers back, ISR full). */
export async function withFault<T>(ctx: RunContext, app: NotificationsApp, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } finally {
    await ctx.stack.heal();
    for (let p = 0; p < app.partitions; p++) await ctx.stack.waitForIsr(app.topic, p, undefined, 60_000);
  }
}
