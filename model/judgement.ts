/**
 * A judge's conclusions, built one way: a `{ fr, en }` summary (never two positional strings that could be swapped),
 * the data behind it, and any extra evidence (charts) or reason. Pure. Graders import these from kit/judging/;
 * they live here because the engine (below the kit) gives the precondition failure of a solution marked dead.
 */
import type { Judgement } from './exercise.js';
import type { ChartSpec, Localized } from './verdict.js';

/** What a judgement may carry besides its summary and data. */
export interface JudgementExtra {
  /** Charts the HTML report draws (kit/judging/charts.ts). */
  charts?: ChartSpec[];
  /** A one-line reason kept on the verdict (shown in reports beside the summary). */
  reason?: string;
}

function judgement(
  status: 'pass' | 'fail',
  summary: Localized,
  data?: Record<string, unknown>,
  extra: JudgementExtra = {},
): Judgement {
  return {
    status,
    evidence: {
      summary: { fr: summary.fr, en: summary.en },
      ...(data ? { data } : {}),
      ...(extra.charts?.length ? { charts: extra.charts } : {}),
    },
    ...(extra.reason ? { reason: extra.reason } : {}),
  };
}

/** The check passes: `summary` says what was observed. */
export function pass(summary: Localized, data?: Record<string, unknown>, extra?: JudgementExtra): Judgement {
  return judgement('pass', summary, data, extra);
}

/** The check fails: `summary` says what was expected and what the brokers showed. */
export function fail(summary: Localized, data?: Record<string, unknown>, extra?: JudgementExtra): Judgement {
  return judgement('fail', summary, data, extra);
}

/**
 * The check fails without being tried: an earlier observation showed the solution never did what this check builds
 * on (it never answered, never joined, never produced). `reason` says only what was observed; the summary reads
 * "Not observed: <reason>" and `data.precondition` keeps the English reason, plus any `data` given.
 */
export function precondition(reason: Localized, data?: Record<string, unknown>): Judgement {
  return fail(
    { fr: `Non observé : ${reason.fr}`, en: `Not observed: ${reason.en}` },
    { precondition: reason.en, ...data },
  );
}

/**
 * The check was not run: the stack cannot offer what it needs (fault injection, control over its brokers). Neither
 * a pass nor a fail: no points, no hint. `reason` says what is missing; the summary reads "Skipped: <reason>." /
 * "Ignoré : <reason>." and the verdict keeps the English reason.
 */
export function skipped(reason: Localized): Judgement {
  return {
    status: 'skipped',
    reason: reason.en,
    evidence: { summary: { fr: `Ignoré : ${reason.fr}.`, en: `Skipped: ${reason.en}.` } },
  };
}
