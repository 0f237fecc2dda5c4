import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Order of the stack-backed suites, bottom layer first: the stack's own tests (they start the largest stack,
 * which every later suite can reuse), the stack check, the kit (faults), the cohort, then grader selftests in
 * exercise order (ex0, ex1, ... read from the path, so a new exercise needs no line here). Unit files keep
 * Vitest's order.
 */
const LAYERS = [
  /\/stack\/.*native-lifecycle/,
  /\/stack\//,
  /\/cli\/diagnostics\//,
  /\/kit\//,
  /\/cohort\//,
  /\/engine\//,
];

function rank(file: string): number {
  const i = LAYERS.findIndex((r) => r.test(file));
  if (i >= 0) return i;
  const ex = /\/graders\/ex(\d+)\//.exec(file);
  return LAYERS.length + (ex ? Number(ex[1]) : 1000);
}

export default class StackFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    return [...sorted].sort((a, b) => rank(a.moduleId) - rank(b.moduleId));
  }
}
