import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** The graders' and the kit's source files (tests and fixtures aside). */
function sources(): string[] {
  return ['graders', 'kit'].flatMap((dir) =>
    fs
      .readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => path.join(dir, f)),
  );
}

describe('judgements are built with the kit (kit/judging/judgement.ts)', () => {
  it('no grader writes a judgement literal or defines its own pass/fail helper', () => {
    const literal = /\bstatus:\s*(?:'(?:pass|fail|skipped|error)'|[^,\n]*\?\s*'(?:pass|fail)')/;
    const helper = /\b(?:const|let|function)\s+(?:pass|fail|skip|skipped|precondition)\b/;
    const offenders = sources().flatMap((f) =>
      fs
        .readFileSync(f, 'utf8')
        .split('\n')
        .flatMap((line, i) => (literal.test(line) || helper.test(line) ? [`${f}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(offenders, 'use pass/fail/precondition/skipped from kit/judging/judgement.ts').toEqual([]);
  });
});
