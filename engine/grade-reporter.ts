import type { Reporter, TestCase } from 'vitest/node';
import type { GradeResult } from '../model/result.js';
import type { CheckMeta, SelftestMeta } from './grade-config.js';
import { EXERCISES } from '../graders/registry.js';
import { assembleResult } from './grade-session.js';

/**
 * Collects verdicts from the grader suites' task meta as each check finishes, and assembles one
 * GradeResult per exercise. Prints nothing: the CLI renders results with reports/.
 */
export class GradeReporter implements Reporter {
  private readonly checks = new Map<string, CheckMeta[]>();
  readonly selftest: SelftestMeta[] = [];
  /** Errors Vitest met outside any check (a grader file that did not load): infrastructure trouble. */
  readonly errors: string[] = [];
  private readonly listeners: ((m: CheckMeta) => void)[] = [];

  onCheck(listener: (m: CheckMeta) => void): void {
    this.listeners.push(listener);
  }

  onTestCaseResult(testCase: TestCase): void {
    const meta = testCase.meta();
    if (meta.kgradeCheck) {
      const m = meta.kgradeCheck;
      if (!this.checks.has(m.exercise)) this.checks.set(m.exercise, []);
      this.checks.get(m.exercise)!.push(m);
      for (const l of this.listeners) l(m);
    }
    if (meta.kgradeSelftest) this.selftest.push(meta.kgradeSelftest);
    const result = testCase.result();
    if (!meta.kgradeCheck && !meta.kgradeSelftest && result.state === 'failed') {
      this.errors.push(`${testCase.fullName}: ${result.errors?.map((e) => e.message).join('; ')}`);
    }
  }

  onTestRunEnd(modules: ReadonlyArray<{ moduleId: string; errors(): ReadonlyArray<{ message: string }> }>, unhandled: ReadonlyArray<{ message?: string }>): void {
    for (const m of modules) for (const e of m.errors()) this.errors.push(`${m.moduleId}: ${e.message}`);
    for (const e of unhandled) this.errors.push(`unhandled: ${e.message ?? String(e)}`);
  }

  results(): GradeResult[] {
    return [...this.checks.entries()].map(([exerciseId, metas]) => {
      const ex = EXERCISES.find((e) => e.id === exerciseId)!;
      const first = metas[0]!;
      const last = metas[metas.length - 1]!;
      const order = new Map(ex.checks.map((c, i) => [c.id, i]));
      const sorted = [...metas].sort((a, b) => (order.get(a.verdict.id) ?? 0) - (order.get(b.verdict.id) ?? 0));
      return assembleResult({
        exercise: ex,
        solution: last.solution,
        seed: first.seed,
        replayCommand: first.replayCommand,
        stack: metas.find((m) => m.stack)?.stack,
        startedAt: first.startedAt,
        durationMs: Date.now() - Date.parse(first.startedAt),
        verdicts: sorted.map((m) => m.verdict),
        logs: metas.flatMap((m) => m.logs),
        problems: metas.flatMap((m) => m.problems),
      });
    });
  }
}
