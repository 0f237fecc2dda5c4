import type { Rng } from '../../core/rng.js';
import type { TableUpdate } from './oracle/join.js';
import type { TimedRecord } from './oracle/types.js';

/** A page view: the exercise's event (key: the user). */
export interface PageView {
  page: string;
  /** Seconds spent on the page: what SUM aggregates. */
  duration: number;
}

/** The seeded events of one run: page views (a stream) and users' regions (a table), with event times. */
export interface Scenario {
  views: TimedRecord<PageView>[];
  users: TableUpdate<string>[];
}

export interface ScenarioShape {
  views: number;
  /** Chance that a view comes out of order, up to maxLatenessMs behind stream time. */
  outOfOrder: number;
  maxLatenessMs: number;
  /** Chance of a pause long enough to end every session (sessions then split). */
  pause: number;
  pauseMs: [number, number];
  stepMs: [number, number];
  /** A region change every this many views (0: none, every row written before the first view). */
  tableUpdateEvery: number;
}

export const PAGES = ['home', 'search', 'product', 'cart'] as const;
export const USERS = ['u1', 'u2', 'u3', 'u4', 'u5'] as const;
const REGIONS = ['EU', 'US', 'APAC'] as const;
/** No row for this user: a LEFT JOIN gives it a null region. */
const USER_WITHOUT_ROW = 'u5';

/**
 * Seeded views starting at a random time (so windows must be aligned to the epoch, not to the first view),
 * and the users table: a row for each user but one before the first view, then (if asked) region changes between views.
 * View times are even and table times odd, so no update ties with a view (the join would be ambiguous).
 */
export function generateScenario(
  rng: Rng,
  shape: ScenarioShape,
  start = 1_700_000_000_000 + rng.int(0, 3_600_000),
): Scenario {
  const even = (t: number) => t - (t % 2);
  const users: TableUpdate<string>[] = USERS.filter((u) => u !== USER_WITHOUT_ROW).map((key, i) => ({
    key,
    ts: even(start) - 999 + 2 * i,
    value: rng.pick(REGIONS),
  }));
  const views: TimedRecord<PageView>[] = [];
  let streamTime = even(start);
  for (let i = 0; i < shape.views; i++) {
    // One pause half-way at least, so sessions always split (a mutant windowing by arrival time cannot match).
    const pause = rng.next() < shape.pause || (shape.pause > 0 && i === Math.floor(shape.views / 2));
    streamTime = even(streamTime + (pause ? rng.int(...shape.pauseMs) : rng.int(...shape.stepMs)) + 2);
    const late = i > 0 && rng.next() < shape.outOfOrder;
    const ts = late ? even(streamTime - rng.int(1_000, shape.maxLatenessMs)) : streamTime;
    views.push({ key: rng.pick(USERS), ts, value: { page: rng.pick(PAGES), duration: rng.int(1, 100) } });
    if (shape.tableUpdateEvery > 0 && i % shape.tableUpdateEvery === Math.floor(shape.tableUpdateEvery / 2))
      users.push({
        key: rng.pick(USERS.filter((u) => u !== USER_WITHOUT_ROW)),
        ts: streamTime + 1,
        value: rng.pick(REGIONS),
      });
  }
  return { views, users };
}

/** The views re-keyed by page: what `GROUP BY page` aggregates. */
export function byPage(views: TimedRecord<PageView>[]): TimedRecord<PageView>[] {
  return views.map((v) => ({ ...v, key: v.value.page }));
}
