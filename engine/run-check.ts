import { errorMessage, GraderError, SolutionError } from '../core/errors.js';
import { precondition } from '../model/judgement.js';
import type { Crash, Verdict } from '../model/verdict.js';
import { lastLines, rootCauseLine } from '../runner/root-cause.js';
import type { CheckDefinition, Judgement, RunContext } from './exercise.js';

/** Turns a problem met before or during a check into that check's verdict. Never throws. */
export function verdictForProblem(check: CheckDefinition, e: unknown, durationMs: number): Verdict {
  const base = { id: check.id, title: check.title, points: check.points, score: 0, durationMs };
  if (e instanceof SolutionError) {
    const crash = crashOf(e.output);
    return {
      ...base,
      status: 'error',
      evidence: {
        summary: { fr: `La solution n'a pas pu être évaluée : ${e.localized.fr}`, en: `The solution could not be graded: ${e.localized.en}` },
        data: { problem: e.kind, ...(e.output ? { output: e.output } : {}) },
      },
      hint: e.hint,
      ...(crash ? { crash } : {}),
    };
  }
  const g = e instanceof GraderError ? e : new GraderError('INTERNAL', errorMessage(e), { hint: 'this is a bug of kgrade: please report it with the JSON result', cause: e });
  return {
    ...base,
    status: 'not-gradable',
    reason: `${g.code}: ${g.message}`,
    evidence: {
      summary: { fr: `Non évaluable (problème d'infrastructure, pas de votre solution) : ${g.message}`, en: `Not gradable (an infrastructure problem, not your solution's): ${g.message}` },
      data: { code: g.code, hint: g.hint, ...(g.logTail ? { logTail: g.logTail } : {}) },
    },
  };
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
  const t = performance.now();
  const ms = () => Math.round(performance.now() - t);
  if (check.needs?.faults && !ctx.stack.control.faults) {
    return verdictFromJudgement(check, skippedFor('fault injection (Toxiproxy) is not available on this stack', "l'injection de pannes (Toxiproxy) n'est pas disponible sur cette pile"), ms());
  }
  if (check.needs?.brokerControl && !ctx.stack.control.brokers) {
    return verdictFromJudgement(check, skippedFor('this stack gives no control over its brokers (external stack)', "cette pile ne permet pas de contrôler ses brokers (pile externe)"), ms());
  }
  if (ctx.dead && !check.judgedWhenDead) return verdictFromJudgement(check, precondition(ctx.dead), ms());
  try {
    ctx.stack.assertHealthy();
    const obs = await check.observe(ctx, prepared);
    ctx.stack.assertHealthy();
    return verdictFromJudgement(check, check.judge(obs), ms());
  } catch (e) {
    return verdictForProblem(check, e, ms());
  }
}

function crashOf(output: string | undefined): Crash | undefined {
  if (!output?.trim()) return undefined;
  const rootCause = rootCauseLine(output);
  return { ...(rootCause ? { rootCause } : {}), lastLines: lastLines(output, 12) };
}

function skippedFor(en: string, fr: string): Judgement {
  return { status: 'skipped', reason: en, evidence: { summary: { fr: `Ignoré : ${fr}.`, en: `Skipped: ${en}.` } } };
}
