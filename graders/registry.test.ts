import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXERCISES, specPath } from './registry.js';

// A student reads the spec, the grader runs the checks: they must say the same thing.
describe('exercise specs', () => {
  for (const ex of EXERCISES) {
    for (const lang of ['fr', 'en'] as const) {
      it(`${ex.id}: spec.${lang}.md exists and lists every check with its points`, () => {
        const file = specPath(ex.id, lang);
        expect(fs.existsSync(file), `${file} is missing`).toBe(true);
        const text = fs.readFileSync(file, 'utf8');
        for (const check of ex.checks) {
          expect(text, `${ex.id} spec.${lang}.md: no table row for ${check.id} with ${check.points} point(s)`).toMatch(
            new RegExp(`\\|\\s*\`${check.id}\`\\s*\\|\\s*${check.points}\\s*\\|`),
          );
        }
        const rows = [...text.matchAll(/^\|\s*`([a-z0-9-]+)`\s*\|\s*\d+\s*\|/gm)].map((m) => m[1]);
        expect(
          rows.filter((id) => !ex.checks.some((c) => c.id === id)),
          'rows naming checks the grader does not have',
        ).toEqual([]);
      });
    }
  }
});
