import type { RunContext } from '../../engine/exercise.js';
import { EX9_RULES } from './contract.js';
import { runRole, type RoleRun } from './roles.js';

export interface Ex9Prepared {
  setup: RoleRun;
}

/** Runs the solution's setup role once: it creates the topic with the student's durability settings. */
export async function prepareEx9(ctx: RunContext): Promise<Ex9Prepared> {
  return { setup: await runRole(ctx, 'setup', {}, EX9_RULES.roleTimeoutMs, 'setup') };
}
