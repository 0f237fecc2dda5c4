import { errorMessage, GraderError, SolutionError } from '../core/errors.js';
import { precondition, skipped } from '../model/judgement.js';
import type { Crash, Verdict } from '../model/verdict.js';
import { lastLines, rootCauseLine } from '../runner/root-cause.js';
import { withSourceNames } from '../runner/ts-compile.js';
import type { CheckDefinition, Judgement, RunContext } from './exercise.js';

/** An infrastructure problem that made a check not gradable: typed, for the result's `problems`. */
export interface InfraProblem {
  code: string;
  hint: string;
  /** GraderError.retriable: whether a later attempt may succeed, its code's (core/errors.ts), unless its cause said no. */
  retriable?: boolean;
}

/** A check's verdict and, when it is not gradable through an infrastructure problem, that problem. */
export interface CheckOutcome {
  verdict: Verdict;
  problem?: InfraProblem;
}

/** Turns a problem met before or during a check into that check's verdict. Never throws. */
export function verdictForProblem(check: CheckDefinition, e: unknown, durationMs: number): Verdict {
  return outcomeForProblem(check, e, durationMs).verdict;
}

/** verdictForProblem, with the infrastructure problem (code, hint) typed beside the verdict. */
export function outcomeForProblem(check: CheckDefinition, e: unknown, durationMs: number): CheckOutcome {
  const base = { id: check.id, title: check.title, points: check.points, score: 0, durationMs };
  if (e instanceof SolutionError) {
    const crash = crashOf(e.output);
    const verdict: Verdict = {
      ...base,
      status: 'error',
      evidence: {
        summary: {
          fr: `La solution n'a pas pu être évaluée : ${e.localized.fr}`,
          en: `The solution could not be graded: ${e.localized.en}`,
        },
        data: { problem: e.kind, ...(e.output ? { output: e.output } : {}) },
      },
      hint: e.hint,
      ...(crash ? { crash } : {}),
    };
    return { verdict };
  }
  const g =
    e instanceof GraderError
      ? e
      : new GraderError('INTERNAL', errorMessage(e), {
          hint: 'this is a bug of kgrade: please report it with the JSON result',
          cause: e,
        });
  const verdict: Verdict = {
    ...base,
    status: 'not-gradable',
    reason: `${g.code}: ${g.message}`,
    evidence: {
      summary: {
        fr: `Non évaluable (problème d'infrastructure, pas de votre solution) : ${g.message}`,
        en: `Not gradable (an infrastructure problem, not your solution's): ${g.message}`,
      },
      data: { code: g.code, hint: g.hint, ...(g.logTail ? { logTail: g.logTail } : {}) },
    },
  };
  return { verdict, problem: { code: g.code, hint: g.hint, retriable: g.retriable } };
}

export function verdictFromJudgement(check: CheckDefinition, j: Judgement, durationMs: number): Verdict {
  return {
    id: check.id,
    title: check.title,
    points: check.points,
    score: j.status === 'pass' ? check.points : 0,
    status: j.status,
    evidence: j.evidence,
    ...(j.status === 'pass' || j.status === 'skipped' ? {} : { hint: check.hint }),
    ...(j.reason ? { reason: j.reason } : {}),
    durationMs,
  };
}

/** observe (I/O) then judge (pure); whatever goes wrong becomes a verdict, never an exception. */
export async function runCheck<P>(check: CheckDefinition<P>, ctx: RunContext, prepared: P): Promise<Verdict> {
  return (await runCheckOutcome(check, ctx, prepared)).verdict;
}

/** runCheck, with the infrastructure problem of a not-gradable verdict typed beside it (the session lists it). */
export async function runCheckOutcome<P>(
  check: CheckDefinition<P>,
  ctx: RunContext,
  prepared: P,
): Promise<CheckOutcome> {
  const t = performance.now();
  const ms = () => Math.round(performance.now() - t);
  if (check.needs?.faults && !ctx.stack.control.faults) {
    return {
      verdict: verdictFromJudgement(
        check,
        skipped({
          fr: "l'injection de pannes (Toxiproxy) n'est pas disponible sur cette pile",
          en: 'fault injection (Toxiproxy) is not available on this stack',
        }),
        ms(),
      ),
    };
  }
  if (check.needs?.brokerControl && !ctx.stack.control.brokers) {
    return {
      verdict: verdictFromJudgement(
        check,
        skipped({
          fr: 'cette pile ne permet pas de contrôler ses brokers (pile externe)',
          en: 'this stack gives no control over its brokers (external stack)',
        }),
        ms(),
      ),
    };
  }
  if (ctx.dead && !check.judgedWhenDead) return { verdict: verdictFromJudgement(check, precondition(ctx.dead), ms()) };
  try {
    ctx.stack.assertHealthy();
    const obs = await check.observe(ctx, prepared);
    ctx.stack.assertHealthy();
    return { verdict: verdictFromJudgement(check, check.judge(obs), ms()) };
  } catch (e) {
    return outcomeForProblem(check, e, ms());
  }
}

function crashOf(output: string | undefined): Crash | undefined {
  if (!output?.trim()) return undefined;
  const shown = withSourceNames(output);
  const rootCause = rootCauseLine(shown);
  return { ...(rootCause ? { rootCause } : {}), lastLines: lastLines(shown, 12) };
}
