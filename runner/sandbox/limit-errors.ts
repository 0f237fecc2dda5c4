import { SolutionError } from '../../core/errors.js';
import type { Localized } from '../../model/verdict.js';
import { DEFAULT_SANDBOX_LIMITS, type LimitHit, type SandboxLimits } from './types.js';

const mib = (b: number) => `${Math.round(b / 1024 / 1024)} MiB`;

/** What a sandbox limit did to the program, and what the student can change. Pure. */
export function limitExplanation(
  limit: LimitHit,
  limits: SandboxLimits = DEFAULT_SANDBOX_LIMITS,
): { message: Localized; hint: Localized } {
  switch (limit) {
    case 'memory':
      return {
        message: {
          fr: `tué par la limite de mémoire du bac à sable (${mib(limits.memoryBytes)}, tous ses processus ensemble)`,
          en: `killed by the sandbox's memory limit (${mib(limits.memoryBytes)}, all of its processes together)`,
        },
        hint: {
          fr: 'Réduisez la mémoire utilisée : ne gardez pas tous les messages en mémoire, bornez les tampons et le tas Java (-Xmx256m).',
          en: 'Use less memory: do not keep every message in memory, bound buffers and the Java heap (-Xmx256m).',
        },
      };
    case 'pids':
      return {
        message: {
          fr: `a atteint la limite de processus et threads du bac à sable (${limits.pids}) : des créations de processus ont été refusées`,
          en: `hit the sandbox's limit on processes and threads (${limits.pids}): process creations were refused`,
        },
        hint: {
          fr: 'Ne lancez pas de processus ou de threads sans borne : réutilisez un pool de taille fixe.',
          en: 'Do not start processes or threads without bound: reuse a fixed-size pool.',
        },
      };
    case 'output':
      return {
        message: {
          fr: `arrêté pour avoir écrit plus de ${mib(limits.outputBytes)} sur sa sortie`,
          en: `stopped for writing more than ${mib(limits.outputBytes)} of output`,
        },
        hint: {
          fr: 'Réduisez les traces : pas de log par message en boucle, niveau INFO au plus pour les bibliothèques.',
          en: 'Log less: no log line per message in a loop, INFO level at most for libraries.',
        },
      };
    case 'wall-time':
      return {
        message: {
          fr: `arrêté à la limite de durée (${Math.round(limits.buildWallMs / 1000)} s)`,
          en: `stopped at the time limit (${Math.round(limits.buildWallMs / 1000)} s)`,
        },
        hint: {
          fr: 'Le build ou le programme a pris trop de temps : vérifiez qu’il ne boucle pas et ne télécharge pas au-delà des dépôts de dépendances.',
          en: 'The build or program took too long: check it does not loop, nor download from beyond the dependency registries.',
        },
      };
    case 'open-files':
      return {
        message: {
          fr: `a atteint la limite de fichiers ouverts du bac à sable (${limits.openFiles})`,
          en: `hit the sandbox's open-file limit (${limits.openFiles})`,
        },
        hint: {
          fr: 'Fermez les fichiers et connexions que vous ouvrez (un producteur Kafka par application, pas par message).',
          en: 'Close the files and connections you open (one Kafka producer per application, not per message).',
        },
      };
  }
}

/** The typed error for a program a limit stopped: names the limit and the fix. */
export function limitError(limit: LimitHit, what: Localized, output?: string): SolutionError {
  const { message, hint } = limitExplanation(limit);
  return new SolutionError(
    'crash',
    { fr: `${what.fr} : ${message.fr}`, en: `${what.en}: ${message.en}` },
    hint,
    output,
  );
}
