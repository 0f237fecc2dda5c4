/**
 * What is graded, resolved once by the caller (`grade`, `cohort`, `selftest`, `scenario run`) and handed to the
 * engine, which builds from it the replay line and the result's `solution` and `provenance`: nobody edits a
 * GradeResult after the engine returned it.
 */
import { replayCommand } from './replay-command.js';

export interface SolutionSource {
  /** The folder graded (for a git source: its checkout, or a folder in it). */
  dir: string;
  /** How messages and summaries name it (the folder relative to the current one, or the git URL); default: `dir`. */
  name?: string;
  /** A git source's URL as given (a `#ref` included): the replay line names it rather than the checkout. */
  gitUrl?: string;
  /** The commit graded, when known (a git source): in the result's `solution` and the replay line. */
  commit?: string;
  /**
   * Who computes the result (issue 17): 'trainer' (`kgrade cohort`, from a source it fetched itself),
   * 'self-reported' (`kgrade grade`, a machine the student may control); unset: neither (selftest, a scenario).
   */
  provenance?: 'trainer' | 'self-reported';
  /**
   * The folder to build and run when it is not `dir`, made when the grading starts (its failure is that run's
   * problem): a selftest fixture's mutant (selftest/fixture-materialize.ts, fixtureSource). Reports still name `dir`.
   */
  folderToBuild?: () => Promise<string>;
  /** The command a report prints to replay the run, when it is not `kgrade grade` on this source (selftest, a scenario). */
  replayAs?: string;
  /**
   * The folder attacks the machine it runs on (an adversarial fixture, expect.json `requiresSandbox`): it is graded
   * only sandboxed, and each caller refuses it unsandboxed before any stack starts. Set by fixtureSource.
   */
  requiresSandbox?: boolean;
}

/** How the run is replayed: the caller's own line, else `kgrade grade` on the source (a git one at the graded commit). */
export function replayLineFor(
  exerciseId: string,
  source: SolutionSource,
  seed: number,
  opts: { sandbox?: boolean; stack?: string } = {},
): string {
  if (source.replayAs !== undefined) return source.replayAs;
  return replayCommand({
    exerciseId,
    ...(source.gitUrl
      ? { solution: source.gitUrl, git: true, ...(source.commit ? { commit: source.commit } : {}) }
      : { solution: source.dir }),
    seed,
    ...(opts.sandbox !== undefined ? { sandbox: opts.sandbox } : {}),
    ...(opts.stack ? { stack: opts.stack } : {}),
  });
}

/** The folder built and run for `source`: its `folderToBuild` when it has one, else its own. */
export async function folderToBuild(source: SolutionSource): Promise<string> {
  return source.folderToBuild ? source.folderToBuild() : source.dir;
}
