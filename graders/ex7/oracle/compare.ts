import { byKeyThenStart, windowId, type Emission, type WindowResult } from './types.js';

/** A table read to its end: the last value per window key; a tombstone removes the window. */
export function lastPerWindow<A>(emissions: Emission<A>[]): WindowResult<A>[] {
  const last = new Map<string, WindowResult<A> | undefined>();
  for (const e of emissions)
    last.set(
      windowId(e),
      e.value === undefined ? undefined : { key: e.key, start: e.start, end: e.end, value: e.value },
    );
  return [...last.values()].filter((w): w is WindowResult<A> => w !== undefined).sort(byKeyThenStart);
}

export interface WindowDiff<A> {
  missing: WindowResult<A>[];
  unexpected: WindowResult<A>[];
  wrong: { expected: WindowResult<A>; actual: WindowResult<A> }[];
}

/** Window by window: what the oracle has and the engine lacks, the reverse, and values that differ. */
export function diffWindows<A>(
  expected: WindowResult<A>[],
  actual: WindowResult<A>[],
  same: (a: A, b: A) => boolean,
): WindowDiff<A> {
  const got = new Map(actual.map((w) => [windowId(w), w]));
  const want = new Map(expected.map((w) => [windowId(w), w]));
  const diff: WindowDiff<A> = { missing: [], unexpected: [], wrong: [] };
  for (const [id, w] of want) {
    const a = got.get(id);
    if (!a) diff.missing.push(w);
    else if (!same(w.value, a.value)) diff.wrong.push({ expected: w, actual: a });
  }
  for (const [id, a] of got) if (!want.has(id)) diff.unexpected.push(a);
  return diff;
}

export function agrees<A>(d: WindowDiff<A>): boolean {
  return d.missing.length === 0 && d.unexpected.length === 0 && d.wrong.length === 0;
}

/** At most `max` differences, one line each: what a diagnosis shows. */
export function describeDiff<A>(d: WindowDiff<A>, show: (a: A) => string, max = 5): string[] {
  const w = (x: WindowResult<A>) =>
    `${x.key} [${new Date(x.start).toISOString().slice(11, 19)}, ${new Date(x.end).toISOString().slice(11, 19)})`;
  const lines = [
    ...d.missing.map((x) => `missing ${w(x)} (expected ${show(x.value)})`),
    ...d.unexpected.map((x) => `unexpected ${w(x)} = ${show(x.value)}`),
    ...d.wrong.map((x) => `${w(x.expected)}: expected ${show(x.expected.value)}, got ${show(x.actual.value)}`),
  ];
  return lines.length > max ? [...lines.slice(0, max), `... and ${lines.length - max} more`] : lines;
}
