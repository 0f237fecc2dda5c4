import { SolutionError } from '../core/errors.js';
import { tail } from '../core/exec.js';
import type { Localized } from '../model/verdict.js';
import { repeatedException, type RepeatedException } from './root-cause.js';
import { limitError, limitExplanation } from './sandbox/limit-errors.js';
import type { LimitHit } from './sandbox/types.js';

/** What the grader kept of a stopped program's output. */
interface KeptOutput {
  stdoutText(): string;
  stderrText(): string;
}

/**
 * The error for a program a limit stopped. A program stopped for flooding its output while that output repeats
 * one exception is told the exception: it is the cause, the volume only its symptom. Otherwise the limit's own
 * explanation (limitError).
 */
export function limitStopError(limit: LimitHit, what: Localized, proc: KeptOutput, tailLines = 25): SolutionError {
  const output = tail(proc.stderrText() + '\n' + proc.stdoutText(), tailLines);
  const repeated = limit === 'output' ? repeatedException(proc.stderrText() + '\n' + proc.stdoutText()) : undefined;
  if (!repeated) return limitError(limit, what, output);
  const { message, hint } = floodExplanation(repeated, limitExplanation('output').message);
  return new SolutionError(
    'crash',
    { fr: `${what.fr} : ${message.fr}`, en: `${what.en}: ${message.en}` },
    hint,
    `${repeated.line}\n...\n${output}`,
  );
}

/** A flood that repeats one exception: the exception named, with how often it came. Pure. */
export function floodExplanation(
  repeated: RepeatedException,
  stopped: Localized,
): { message: Localized; hint: Localized } {
  return {
    message: {
      fr: `${stopped.fr} ; sa sortie répète ${repeated.count} fois l'exception « ${repeated.line} »`,
      en: `${stopped.en}; its output repeats ${repeated.count} times the exception "${repeated.line}"`,
    },
    hint: {
      fr: `Cette exception, répétée ${repeated.count} fois dans la sortie gardée, est ce qui la remplit : corrigez sa cause (lisez-la ci-dessous) ; écrire moins de logs ne ferait que la cacher.`,
      en: `This exception, repeated ${repeated.count} times in the output kept, is what fills it: fix its cause (read it below); logging less would only hide it.`,
    },
  };
}
