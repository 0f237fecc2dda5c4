import type { RunContext } from '../../engine/exercise.js';
import { EX9_RULES } from './contract.js';
import { runRole, type RoleRun } from '../../kit/solution/role.js';

export interface Ex9Prepared {
  setup: RoleRun<'setup'>;
}

/** Runs the solution's setup role once: it creates the topic with the student's durability settings. */
export async function prepareEx9(ctx: RunContext): Promise<Ex9Prepared> {
  return { setup: await runRole(ctx, 'setup', { timeoutMs: EX9_RULES.roleTimeoutMs, phase: 'setup' }) };
}
