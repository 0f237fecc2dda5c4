import fs from 'node:fs';
import { GraderError } from '../core/errors.js';
import { checkoutGit, defaultGitCacheDir, type GitCheckout } from './git-source.js';
import { isGitSpec, splitGitRef } from './roster.js';

/** `kgrade grade --solution <git URL[#ref]>`: a repository nobody reviewed, so sandboxed unless asked otherwise. */
export interface GitSolution extends GitCheckout {
  url: string;
  ref?: string;
}

/** A `--solution` that names a git repository (and is not a local folder of that name). Pure but for the existence test. */
export function isGitSolution(spec: string, exists: (p: string) => boolean = fs.existsSync): boolean {
  return !exists(spec) && isGitSpec(spec) && !/^git:/i.test(spec);
}

/** Where a git solution is graded: its checkout in the kgrade cache (as `cohort` does). */
export async function checkoutGitSolution(spec: string, cacheDir = defaultGitCacheDir()): Promise<GitSolution> {
  const { url, ref } = splitGitRef(spec);
  try {
    return { ...(await checkoutGit(url, ref, cacheDir)), url, ...(ref ? { ref } : {}) };
  } catch (e) {
    throw new GraderError('BAD_USAGE', `--solution ${spec}: ${e instanceof Error ? e.message : String(e)}`, {
      hint: 'give a git URL the machine can clone, with an optional #branch, #tag or #commit',
    });
  }
}

/** Sandboxed: as asked (--sandbox / --no-sandbox), else by default for a git source (the student's machine is not the grader's). */
export function sandboxFor(asked: boolean | undefined, git: boolean): boolean {
  return asked ?? git;
}
