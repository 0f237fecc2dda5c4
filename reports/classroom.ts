/**
 * GitHub Classroom autograding "result" object, as consumed by the autograding-grading-reporter action.
 *
 * What the public sources show (read via the code index, repositories github-education-resources/*
 * and classroom-resources/*):
 * - autograding-command-grader and autograding-io-grader (src/main.js) emit
 *   `{ version: 1, status, max_score, tests: [{ name, status, score, message, test_code, filename,
 *   line_no: 0, duration }] }`, base64-encoded into the step output `result`; status is
 *   'pass' | 'fail' | 'error' (error for timeouts and missing executables).
 * - autograding-grading-reporter (src/main.js) reads each runner's `<RUNNER>_RESULTS` env var
 *   (base64 JSON) and fails the job when a result's `status` is 'fail' or 'error';
 *   notify-classroom.js sends sum(tests[].score) / sum(max_score) to Classroom;
 *   console-results.js prints each test's `name`, and `message` for anything not 'pass';
 *   aggregate-results.js shows (passed tests / tests) * max_score in its summary table, so that table
 *   is count-based while the points sent to Classroom are our per-check scores.
 * - `execution_time` ("0.12s") was not found in those sources; it is kept because our brief asks for
 *   it, next to `duration` (milliseconds) which the official graders do emit. Extra keys are ignored.
 *
 * CI usage: `echo "result=$(base64 -w0 classroom-<exercise>.json)" >> "$GITHUB_OUTPUT"` in a step
 * with an id, then list that id in the reporter's `runners` input (see `classroomResultBase64`).
 */
import type { GradeResult } from '../model/result.js';
import type { Lang, Verdict, VerdictStatus } from '../model/verdict.js';
import { t } from './i18n.js';
import { replayLine, stripControlChars, verdictText } from './format.js';
import { causeText, notRunText, problemText, runCause, stoppedBy, type RunCause } from './cause.js';

export type ClassroomStatus = 'pass' | 'fail' | 'error';

export interface ClassroomTest {
  name: string;
  status: ClassroomStatus;
  message: string;
  test_code: string;
  filename: string;
  line_no: 0;
  execution_time: string;
  duration: number;
  score: number;
}

export interface ClassroomResult {
  version: 1;
  status: ClassroomStatus;
  max_score: number;
  tests: ClassroomTest[];
}

export interface ClassroomOptions {
  lang: Lang;
}

/** skipped checks earned nothing, so they count as 'fail' for Classroom (message says why). */
const STATUS: Record<VerdictStatus, ClassroomStatus> = {
  pass: 'pass',
  fail: 'fail',
  error: 'error',
  'not-gradable': 'error',
  skipped: 'fail',
};

export function toClassroom(result: GradeResult, opts: ClassroomOptions = { lang: 'fr' }): ClassroomResult {
  const { lang } = opts;
  const cause = runCause(result);
  const firstStopped = result.verdicts.find((v) => stoppedBy(cause, v))?.id;
  const tests = result.verdicts.map((v) => testOf(v, result, lang, cause, v.id === firstStopped));
  if (result.outcome === 'not-gradable' && !tests.some((x) => x.status === 'error')) {
    tests.push({
      name: 'infrastructure',
      status: 'error',
      message: clean([t(lang, 'notGradable'), ...result.problems.map((p) => problemText(p, lang, ''))].join('\n')),
      test_code: replayLine(result, lang),
      filename: '',
      line_no: 0,
      execution_time: '0.00s',
      duration: 0,
      score: 0,
    });
  }
  // Infrastructure failure first: the score is not meaningful then.
  const status: ClassroomStatus =
    result.outcome === 'not-gradable' || tests.some((x) => x.status === 'error')
      ? 'error'
      : tests.some((x) => x.status === 'fail')
        ? 'fail'
        : 'pass';
  return { version: 1, status, max_score: result.maxScore, tests };
}

export function renderClassroom(result: GradeResult, opts?: ClassroomOptions): string {
  return JSON.stringify(toClassroom(result, opts), null, 2);
}

/** The value the reporter expects in `<RUNNER>_RESULTS`. */
export function classroomResultBase64(result: GradeResult, opts?: ClassroomOptions): string {
  return Buffer.from(JSON.stringify(toClassroom(result, opts)), 'utf8').toString('base64');
}

/**
 * The reporter prints `message` for each test that did not pass: the first check the cause stopped carries the
 * whole cause (the compiler's errors), the others one "not run" line.
 */
function testOf(
  v: Verdict,
  result: GradeResult,
  lang: Lang,
  cause: RunCause | undefined,
  carriesCause: boolean,
): ClassroomTest {
  const message = !stoppedBy(cause, v)
    ? verdictText(v, lang)
    : carriesCause
      ? causeText(cause!, lang)
      : notRunText(cause!, lang);
  return {
    name: clean(`${v.id}: ${v.title[lang]}`),
    status: STATUS[v.status],
    message,
    test_code: replayLine(result, lang),
    filename: '',
    line_no: 0,
    execution_time: `${(Math.max(0, v.durationMs) / 1000).toFixed(2)}s`,
    duration: Math.round(Math.max(0, v.durationMs)),
    score: v.score,
  };
}

function clean(s: string): string {
  return stripControlChars(s);
}
