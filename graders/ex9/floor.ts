import { scenarioSpanMs, SCENARIOS } from '../../kit/faults/faults.js';
import { specFloor, type FloorPart, type SpecFloor } from '../../model/floor.js';
import { BROKER_HEARTBEAT_INTERVAL_MS, BROKER_SESSION_TIMEOUT_MS } from '../../stack/services/broker/kraft-config.js';
import { EX9_RULES } from './contract.js';

/** The last of `count` records paced at `rate`/s is due this long after the first. */
const pacedMs = (count: number, rate: number) => Math.round(((count - 1) / rate) * 1000);

/**
 * ex9's floor (model/floor.ts) from its constants: the produce runs last at least as long as their paced sends and
 * as the fault schedule they wait for (it starts at the first outcome line and ends with the heal), and
 * replay-range waits out the gap between its two halves. Pure.
 */
export function ex9Floor(rules = EX9_RULES, scenarios = SCENARIOS): SpecFloor {
  const sends = pacedMs(rules.produceCount, rules.produceRate);
  // Frozen followers leave the ISR when the controller fences them: their last heartbeat plus the session timeout.
  const fenceMs = BROKER_SESSION_TIMEOUT_MS - BROKER_HEARTBEAT_INTERVAL_MS;
  const refusedSends = pacedMs(rules.belowMinIsrCount, rules.belowMinIsrRate);
  const underFault = (check: string, scenario: string): FloorPart => {
    const span = scenarioSpanMs(scenarios[scenario]!);
    return span > sends
      ? {
          check,
          kind: 'spec',
          ms: span,
          what: `fault schedule ${scenario} from the first outcome to its last step (${span} ms), longer than the ${rules.produceCount} sends at ${rules.produceRate}/s`,
        }
      : {
          check,
          kind: 'spec',
          ms: sends,
          what: `${rules.produceCount} sends at ${rules.produceRate}/s (the fault schedule ${scenario}, ${span} ms, plays inside them)`,
        };
  };
  return specFloor(
    [
      underFault('no-duplicates-under-retries', 'response-timeout'),
      underFault('no-loss-on-leader-kill', 'isolated-leader-killed'),
      {
        check: 'refuses-below-min-isr',
        kind: 'spec',
        ms: fenceMs + refusedSends,
        what: `the two frozen followers fenced, so out of the ISR (broker.session.timeout.ms ${BROKER_SESSION_TIMEOUT_MS} less one heartbeat, ${BROKER_HEARTBEAT_INTERVAL_MS} ms), then ${rules.belowMinIsrCount} sends at ${rules.belowMinIsrRate}/s`,
      },
      {
        check: 'replay-range',
        kind: 'spec',
        ms: rules.replayGapMs + rules.replayMarginMs,
        what: `the gap between the two halves (${rules.replayGapMs} + ${rules.replayMarginMs} ms)`,
      },
    ],
    [
      'stack start',
      'each role run: process and client start (4 produce runs, setup, replay)',
      `refuses-below-min-isr: the solution's own time to give up on a refused send (its retry or delivery budget, at most KGRADE_DELIVERY_TIMEOUT_MS = ${rules.refusedSendTimeoutMs} ms for a program that honours it, 30 s by the contract otherwise; ~2 s per send awaited one by one for reference-ts, ${rules.refusedSendTimeoutMs / 1000} s for reference-java's pipelined sends)`,
      'the killed broker restart after a fault and the ISR filling up again before the brokers are read',
    ],
  );
}
