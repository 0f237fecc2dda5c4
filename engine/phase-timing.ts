import type { PhaseTiming } from '../model/result.js';

let processGraded = false;

/**
 * Collects where one grading's time goes. The start-up share (Node and module loading, measured from the
 * process's time origin) is only told on the first grading of a process: later ones started with it paid.
 */
export class PhaseClock {
  private readonly timing: PhaseTiming = {
    stackMs: 0,
    buildMs: 0,
    solutionStarts: [],
    prepareMs: 0,
    checks: [],
    teardownMs: 0,
  };

  constructor(now: number = performance.now(), firstOfProcess: boolean = !processGraded) {
    processGraded = true;
    if (firstOfProcess) this.timing.startupMs = Math.round(now);
  }

  /** Runs fn and adds its duration to a phase, whether it resolves or throws. */
  async time<T>(phase: 'stackMs' | 'buildMs' | 'prepareMs' | 'teardownMs', fn: () => Promise<T>): Promise<T> {
    const t = performance.now();
    try {
      return await fn();
    } finally {
      this.timing[phase] += Math.round(performance.now() - t);
    }
  }

  solutionStarted(phase: string, ms: number): void {
    this.timing.solutionStarts.push({ phase, ms: Math.round(ms) });
  }

  checked(id: string, ms: number): void {
    this.timing.checks.push({ id, ms: Math.round(ms) });
  }

  result(): PhaseTiming {
    return { ...this.timing, solutionStarts: [...this.timing.solutionStarts], checks: [...this.timing.checks] };
  }
}
