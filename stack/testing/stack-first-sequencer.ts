import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Order of the stack-backed suites: the stack's own tests first (they start the largest stack, which every
 * later suite can reuse), then scenarios, then grader selftests in exercise order. Unit files keep
 * Vitest's order.
 */
const RANK = [/\/stack\/.*native-lifecycle/, /\/stack\//, /\/scenarios\//, /\/cohort\//, /\/graders\/ex0\//, /\/graders\/ex1\//, /\/graders\/ex2\//, /\/graders\/ex3\//, /\/graders\/ex8\//, /\/graders\/ex9\//, /\/graders\//];

function rank(file: string): number {
  const i = RANK.findIndex((r) => r.test(file));
  return i < 0 ? RANK.length : i;
}

export default class StackFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    return [...sorted].sort((a, b) => rank(a.moduleId) - rank(b.moduleId));
  }
}
