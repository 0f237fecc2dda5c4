import type { Manifest } from '../../runner/manifest.js';
import { EX3_RULES } from './contract.js';

/** The contract's ready line, unless kgrade.json declares its own (`"ready": {"log": "<regex>"}`). */
export const DEFAULT_READY_LINE = 'KGRADE READY';

export interface ReadyRule {
  pattern: RegExp;
  /** The line as the solution declared it (or the contract's), for diagnoses. */
  line: string;
  timeoutMs: number;
}

/** How the grader knows an instance is ready: the declared `ready.log` (a regular expression, checked when kgrade.json is read) or `KGRADE READY`. Pure. */
export function readyRule(manifest: Pick<Manifest, 'ready'>): ReadyRule {
  const declared = manifest.ready?.log;
  const timeoutMs = (manifest.ready?.timeoutSeconds ?? 0) * 1000 || EX3_RULES.readyTimeoutMs;
  if (!declared) return { pattern: new RegExp(DEFAULT_READY_LINE), line: DEFAULT_READY_LINE, timeoutMs };
  return { pattern: new RegExp(declared), line: declared, timeoutMs }; // validated with the manifest
}
