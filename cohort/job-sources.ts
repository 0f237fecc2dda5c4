/**
 * What a cohort run grades: for each roster student and exercise, the folder holding that student's solution (its
 * own column, else the `solution` column; a git source fetched once however many rows or exercises name it), and
 * so the jobs. No solution for an exercise, or a git source that cannot be fetched, is that row's problem: the
 * student's other exercises are still graded.
 */
import { errorMessage } from '../core/errors.js';
import { recordKey } from './cohort-model.js';
import { solutionFor, type RosterEntry, type RosterProblem } from './roster.js';
import type { GitCheckout } from './git-source.js';
import type { Job, SourceInfo } from './store.js';

export interface JobSources {
  /** By recordKey(student, exercise). */
  sources: Map<string, SourceInfo>;
  /** Roster order, then the exercises' order: a student's exercises are next to each other in the queue. */
  jobs: Job[];
  /** The students with at least one job. */
  entries: RosterEntry[];
  problems: RosterProblem[];
  /** Jobs whose git source could not be fetched (each also a row problem): an earlier result of theirs may be kept. */
  unfetched: Job[];
}

export async function resolveJobSources(
  roster: RosterEntry[],
  exerciseIds: string[],
  fetchGit: (url: string, ref: string | undefined) => Promise<GitCheckout>,
): Promise<JobSources> {
  const sources = new Map<string, SourceInfo>();
  const jobs: Job[] = [];
  const entries: RosterEntry[] = [];
  const problems: RosterProblem[] = [];
  const unfetched: Job[] = [];
  const fetched = new Map<string, SourceInfo | { error: string }>();
  for (const e of roster) {
    let any = false;
    const failed = new Set<string>();
    for (const ex of exerciseIds) {
      const sol = solutionFor(e, ex);
      if (!sol) {
        problems.push({
          line: e.line,
          id: e.id,
          name: e.name,
          message: `line ${e.line} (${e.id}): no solution for ${ex} (its column is empty and the row has no 'solution' column); ${ex} is not graded for this student`,
          problem: { kind: 'no-solution', exercise: ex },
        });
        continue;
      }
      let info = fetched.get(sol.solutionText);
      if (!info) {
        const src = sol.source;
        if (src.kind === 'path') info = { kind: 'path', dir: src.dir };
        else {
          try {
            const co = await fetchGit(src.url, src.ref);
            info = {
              kind: 'git',
              dir: co.dir,
              url: src.url,
              ...(src.ref ? { ref: src.ref } : {}),
              commit: co.commit,
              commitDate: co.commitDate,
            };
          } catch (err) {
            info = { error: errorMessage(err) };
          }
        }
        fetched.set(sol.solutionText, info);
      }
      if ('error' in info) {
        if (!failed.has(sol.solutionText))
          problems.push({
            line: e.line,
            id: e.id,
            name: e.name,
            message: `line ${e.line} (${e.id}): git source ${sol.solutionText}: ${info.error}`,
            problem: { kind: 'git-fetch', text: sol.solutionText, error: info.error },
          });
        failed.add(sol.solutionText);
        unfetched.push({ studentId: e.id, exerciseId: ex });
        continue;
      }
      sources.set(recordKey(e.id, ex), info);
      jobs.push({ studentId: e.id, exerciseId: ex });
      any = true;
    }
    if (any) entries.push(e);
  }
  return { sources, jobs, entries, problems, unfetched };
}

/**
 * A student's graded folders, once each (exercises may share one): this run's sources, or for an exercise without
 * one, the folder `earlier` gives (a result kept from an earlier run).
 */
export function studentDirs(
  sources: Map<string, SourceInfo>,
  studentId: string,
  exerciseIds: string[],
  earlier: (exerciseId: string) => string | undefined = () => undefined,
): string[] {
  return [...new Set(exerciseIds.flatMap((ex) => sources.get(recordKey(studentId, ex))?.dir ?? earlier(ex) ?? []))];
}
