import { countSum, type CountSum } from './oracle/aggregations.js';
import { diffWindows, lastPerWindow, type WindowDiff } from './oracle/compare.js';
import { streamTableJoin } from './oracle/join.js';
import { sessionAggregate } from './oracle/sessions.js';
import type { Emission, WindowResult } from './oracle/types.js';
import { windowedAggregate } from './oracle/windows.js';
import { byPage, type PageView, type Scenario } from './scenario.js';
import type { EngineOutputs, EngineParams } from './kafka-streams-run.js';

const durations = countSum<PageView>((v) => v.duration);
export const sameCountSum = (a: CountSum, b: CountSum) => a.count === b.count && a.sum === b.sum;
export const showCountSum = (a: CountSum) => `count ${a.count}, sum ${a.sum}`;

/** What the oracle says the engine must emit for a scenario. */
export function oracleOutputs(s: Scenario, p: EngineParams) {
  const pages = byPage(s.views);
  return {
    tumbling: windowedAggregate(pages, p.tumbling, durations),
    hopping: windowedAggregate(pages, p.hopping, durations),
    sessions: sessionAggregate(s.views, p.session, durations),
    join: streamTableJoin(s.views, s.users, 'left').map((j) => ({
      key: j.key,
      ts: j.ts,
      value: `${j.value.page},${j.value.duration},${j.table ?? 'null'}`,
    })),
  };
}

export interface Agreement {
  /** Final value per window (last update per window key, tombstones removed). */
  finals: Record<'tumbling' | 'hopping' | 'sessions', WindowDiff<CountSum>>;
  /** Every update in order, intermediate ones included (no caching on either side): index of the first difference. */
  firstEmissionDifference: Record<'tumbling' | 'hopping' | 'sessions' | 'join', number | undefined>;
}

function firstDifference<T>(a: T[], b: T[], same: (x: T, y: T) => boolean): number | undefined {
  for (let i = 0; i < Math.max(a.length, b.length); i++)
    if (i >= a.length || i >= b.length || !same(a[i]!, b[i]!)) return i;
  return undefined;
}

const sameEmission = (x: Emission<CountSum>, y: Emission<CountSum>) =>
  x.key === y.key &&
  x.start === y.start &&
  x.end === y.end &&
  (x.value === undefined ? y.value === undefined : y.value !== undefined && sameCountSum(x.value, y.value));

/** The oracle against the engine, record for record. */
export function compareWithEngine(s: Scenario, p: EngineParams, engine: EngineOutputs): Agreement {
  const o = oracleOutputs(s, p);
  const fin = (expected: WindowResult<CountSum>[], emitted: Emission<CountSum>[]) =>
    diffWindows(expected, lastPerWindow(emitted), sameCountSum);
  return {
    finals: {
      tumbling: fin(o.tumbling.windows, engine.tumbling),
      hopping: fin(o.hopping.windows, engine.hopping),
      sessions: fin(o.sessions.windows, engine.sessions),
    },
    firstEmissionDifference: {
      tumbling: firstDifference(o.tumbling.emissions, engine.tumbling, sameEmission),
      hopping: firstDifference(o.hopping.emissions, engine.hopping, sameEmission),
      sessions: firstDifference(o.sessions.emissions, engine.sessions, sameEmission),
      join: firstDifference(o.join, engine.join, (x, y) => x.key === y.key && x.ts === y.ts && x.value === y.value),
    },
  };
}
