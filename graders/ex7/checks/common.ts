import type { Judgement } from '../../../engine/exercise.js';
import type { Localized } from '../../../model/verdict.js';
import type { PreflightHint } from '../preflight.js';
import type { RefusedStatement } from '../prepare.js';
import { declarations } from '../preflight.js';
import { fail } from '../../../kit/judging/judgement.js';

/** The server's refusal of the statement declaring `name`, if it refused it. */
export function refusalFor(refused: RefusedStatement[], name: string): RefusedStatement | undefined {
  return refused.find((r) => declarations([r.statement]).has(name));
}

export function describeRefusal(r: RefusedStatement): Localized {
  return {
    fr: `ksqlDB a refusé l'instruction de ${r.statement.file} ligne ${r.line} : ${r.message}`,
    en: `ksqlDB refused the statement at ${r.statement.file} line ${r.line}: ${r.message}`,
  };
}

/** Pre-flight hints on these objects, appended to a failure's summary: shown, never scored. */
export function withHints(summary: Localized, hints: PreflightHint[], objects: string[]): Localized {
  const mine = hints.filter((h) => objects.includes(h.object));
  if (!mine.length) return summary;
  return {
    fr: `${summary.fr} Lecture préalable de vos instructions : ${mine.map((h) => h.message.fr).join(' ')}`,
    en: `${summary.en} Pre-flight reading of your statements: ${mine.map((h) => h.message.en).join(' ')}`,
  };
}

/** A failure whose summary ends with the pre-flight hints about the objects it names. */
export function failed(
  summary: Localized,
  data: Record<string, unknown>,
  hints: PreflightHint[],
  objects: string[],
): Judgement {
  return fail(withHints(summary, hints, objects), data);
}
