import { specFloor, type SpecFloor } from '../../model/floor.js';
import { EX2_RULES } from './rules.js';

/**
 * Sends one after the other each check makes through `sendAndPlace` (traffic.ts), each followed by the watch for
 * duplicates: general-off-reserved judges general-balanced's batch (sent once), both-producers-partition makes its
 * three sends side by side (their watches overlap).
 */
export const EX2_SENDS_PER_CHECK: Record<string, number> = {
  'critical-on-reserved': 1,
  'general-balanced': 1,
  'key-order': 1,
  'both-producers-partition': 1,
};

/**
 * ex2's floor (model/floor.ts) from its constants: every send of notifications ends with a fixed watch for
 * duplicates once all landed. Nothing is paced. Pure.
 */
export function ex2Floor(r = EX2_RULES, sends = EX2_SENDS_PER_CHECK): SpecFloor {
  return specFloor(
    Object.entries(sends).map(([check, n]) => ({
      check,
      kind: 'window' as const,
      ms: n * r.placeGraceMs,
      what: `${n} watch${n > 1 ? 'es' : ''} x ${r.placeGraceMs} ms for duplicates once all landed`,
    })),
    [
      'stack start (3 brokers)',
      "the service's start until it answers",
      "the notifications sent (HTTP requests, 8 or 12 at a time; key-order each key's in turn, the keys side by side) and their landing on the topic",
    ],
  );
}
