import { specFloor, type SpecFloor } from '../../model/floor.js';
import { EX1_RULES } from './rules.js';

/**
 * ex1's floor (model/floor.ts) from its constants: the sync send under the injected latency cannot answer before
 * the acknowledgement comes back, and the two landing checks watch for a duplicate once the record landed. The
 * async send under latency answers at once (the grader reads the topic without the proxies' latency). Pure.
 */
export function ex1Floor(r = EX1_RULES): SpecFloor {
  const landing = (check: string) => ({
    check,
    kind: 'window' as const,
    ms: r.landingGraceMs,
    what: `watching for a duplicate once the record landed (${r.landingGraceMs} ms)`,
  });
  return specFloor(
    [
      landing('sync-lands'),
      landing('async-lands'),
      {
        check: 'sync-waits-for-ack',
        kind: 'spec',
        ms: r.injectedLatencyMs,
        what: `the acknowledgement of the sync send, delayed by the injected latency (${r.injectedLatencyMs} ms)`,
      },
    ],
    [
      'stack start (3 brokers)',
      "the service's start until it answers",
      'faults applied and healed (toxics, links, the ISR filling up again; the two brokers critical-acks-all stops restart after the result, in the background, and the next grading on the stack waits for them)',
      "sync-reports-unreachable, async-reports-failure: the solution's own time to give up on unreachable brokers (its delivery or request timeout, bounded by the contract, not fixed by it)",
      'critical-acks-all: the ISR shrinking to one broker once two are stopped, and the refused send',
    ],
  );
}
