/**
 * The floor of an exercise: the time its grading cannot go below whatever the solution, the stack and the machine,
 * because the exercise itself imposes it (records paced at a rate, simulated work per record, a fault schedule, a
 * gap in time, an observation window of fixed length). Each grader computes its own from its constants, purely;
 * `kgrade bench cohort` prints it beside the measured mean grading.
 */
export interface FloorPart {
  check: string;
  /** What takes the time, with the constants it comes from. */
  what: string;
  ms: number;
  /**
   * `spec`: a wait the statement promises the student (pace, work per record, fault schedule, a gap);
   * `window`: a fixed observation window of the check (how long it keeps watching once the solution is done).
   */
  kind: 'spec' | 'window';
}

export interface SpecFloor {
  ms: number;
  specMs: number;
  windowMs: number;
  parts: FloorPart[];
  /** Time a grading spends that no constant of the exercise fixes (stack and solution starts, a solution's own retry budget...). */
  notCounted: string[];
}

/** Sums the parts (every part takes its share of wall time: the checks run one after the other). Pure. */
export function specFloor(parts: FloorPart[], notCounted: string[] = []): SpecFloor {
  const sum = (kind?: FloorPart['kind']) =>
    parts.filter((p) => kind === undefined || p.kind === kind).reduce((a, p) => a + p.ms, 0);
  return { ms: sum(), specMs: sum('spec'), windowMs: sum('window'), parts, notCounted };
}
