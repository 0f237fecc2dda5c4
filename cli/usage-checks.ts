/**
 * The checks a command makes on its flags and paths before anything starts: each failure is a UsageError (one
 * line with the fix, exit 2, no stack started, nothing written).
 */
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../core/errors.js';
import type { Lang } from '../model/verdict.js';
import { solutionProblem } from '../runner/preflight.js';

/** A folder kgrade will create or write into: neither a file nor under one, and writable. */
export function checkOutDir(out: string, flag = '--out'): void {
  const abs = path.resolve(out);
  if (fs.existsSync(abs) && !fs.statSync(abs).isDirectory())
    throw new UsageError(
      `${flag} ${out} is a file, not a folder`,
      `pass a folder (created when missing), e.g. ${flag} kgrade-out`,
    );
  let existing = abs;
  while (!fs.existsSync(existing)) existing = path.dirname(existing);
  if (!fs.statSync(existing).isDirectory())
    throw new UsageError(
      `${flag} ${out} cannot be created: ${existing} is a file`,
      `pass a folder whose parents are folders, e.g. ${flag} kgrade-out`,
    );
  try {
    fs.accessSync(existing, fs.constants.W_OK);
  } catch {
    throw new UsageError(
      `${flag} ${out}: ${existing} is not writable`,
      `pass a folder you can write to, e.g. ${flag} ./kgrade-out`,
    );
  }
}

/** The roster CSV: a file that can be read. */
export function checkRoster(roster: string): void {
  const abs = path.resolve(roster);
  if (!fs.existsSync(abs))
    throw new UsageError(
      `roster ${roster} not found (${abs})`,
      'pass the roster CSV (student id, display name, solution), e.g. kgrade cohort roster.csv --exercises ex0',
    );
  if (!fs.statSync(abs).isFile())
    throw new UsageError(
      `roster ${roster} is not a file`,
      'pass the roster CSV file itself, e.g. kgrade cohort roster.csv --exercises ex0',
    );
  try {
    fs.accessSync(abs, fs.constants.R_OK);
  } catch (e) {
    throw new UsageError(
      `roster ${roster} cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
      `make it readable (chmod u+r ${roster}) or pass another roster`,
    );
  }
}

/** The solution folder and its kgrade.json, for `exerciseIds`, in the report's language (its words are the student's). */
export function checkSolution(dir: string, exerciseIds: string[], lang: Lang, shown = dir): void {
  const p = solutionProblem(dir, exerciseIds, shown);
  if (p) throw new UsageError(p.message[lang], p.fix[lang]);
}
