/**
 * `--stack auto` and a running `kgrade stack up`: a student who keeps one running in another terminal grades on
 * it instead of starting a stack per command (ex0 then takes about 2 s instead of 4). Only when it serves the
 * exercises exactly as a stack of our own would: enough brokers, Toxiproxy and the services asked, and no check
 * that stops or kills a broker (a running stack offers no broker control, and those checks would be skipped).
 */
import fs from 'node:fs';
import path from 'node:path';
import { cachePaths } from './cache-paths.js';
import type { ServiceName, StackNeeds } from './stack-types.js';
import { servicesIn, type StackServices } from './services/all.js';

/** Where `kgrade stack up` leaves its endpoints while it runs (read by `--stack auto|external` and `stack status`). */
export function stackUpStateFile(): string {
  return path.join(cachePaths.root(), 'stack-up.json');
}

/** What `kgrade stack up` writes in the cache while it runs. */
export interface StackUpState extends StackServices {
  pid: number;
  provider: string;
  bootstrapServers: string;
  directBootstrapServers: string;
  toxiproxyUrl?: string;
}

/** The state of a `kgrade stack up` whose process is alive, else undefined (a stale file is ignored). */
export function runningStackUp(file = stackUpStateFile()): StackUpState | undefined {
  try {
    const state = JSON.parse(fs.readFileSync(file, 'utf8')) as StackUpState;
    // Signal 0 fails for a pid that is gone or no longer ours (reused by another user): either way not that stack.
    process.kill(state.pid, 0);
    return state;
  } catch {
    return undefined;
  }
}

/** The services a running stack offers, as the exercises name them. Pure. */
export function servicesOf(state: StackUpState): ServiceName[] {
  return servicesIn(state);
}

export type StackUpDecision = { reuse: true; summary: string } | { reuse: false; why: string };

/**
 * Whether a grading of these needs may run on the running stack (pure): `brokerControl` lists the checks that
 * stop or kill brokers, which only a stack of our own can do.
 */
export function decideStackUp(
  state: StackUpState,
  needs: Required<StackNeeds>,
  brokerControl: string[],
): StackUpDecision {
  const brokers = state.directBootstrapServers.split(',').filter(Boolean).length;
  const services = servicesOf(state);
  const summary = `${state.provider}, ${brokers} broker(s)${state.toxiproxyUrl ? ', Toxiproxy' : ''}${services.length ? `, ${services.join(', ')}` : ''}`;
  const lacks: string[] = [];
  if (brokers < needs.brokers)
    lacks.push(`${needs.brokers} brokers (it has ${brokers}: \`kgrade stack up --brokers ${needs.brokers}\`)`);
  if (needs.toxiproxy && !state.toxiproxyUrl) lacks.push('Toxiproxy (it was started with --no-toxiproxy)');
  const missing = needs.services.filter((s) => !services.includes(s));
  if (missing.length) lacks.push(`${missing.join(', ')} (\`kgrade stack up --with ${missing.join(',')}\`)`);
  if (brokerControl.length)
    lacks.push(
      `broker control for ${brokerControl.join(', ')} (only a stack kgrade starts for the grading can stop its brokers)`,
    );
  return lacks.length
    ? { reuse: false, why: `the running \`kgrade stack up\` (${summary}) lacks ${lacks.join('; ')}` }
    : { reuse: true, summary };
}
