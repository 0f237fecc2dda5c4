import { readyRuleFor, type ReadyRule } from '../../kit/solution/long-running-app.js';
import type { Manifest } from '../../runner/manifest.js';
import { EX3_RULES } from './contract.js';

/** The contract's ready line, unless kgrade.json declares its own (`"ready": {"log": "<regex>"}`). */
export const DEFAULT_READY_LINE = 'KGRADE READY';

/** How the grader knows an instance is ready: the declared `ready.log` or `KGRADE READY`. Pure. */
export function readyRule(manifest: Pick<Manifest, 'ready'>): ReadyRule {
  return readyRuleFor(manifest, DEFAULT_READY_LINE, EX3_RULES.readyTimeoutMs);
}
