/** What `docker inspect` says about a sandboxed program's end, turned into the limit it hit (pure). */
import type { Localized } from '../../model/verdict.js';
import type { LimitHit, SandboxLimits } from './types.js';

export interface ContainerEnd {
  oomKilled: boolean;
  exitCode: number;
}

/** Parses `docker inspect -f '{{.State.OOMKilled}} {{.State.ExitCode}}'`; undefined when the text is not that. */
export function parseContainerEnd(text: string): ContainerEnd | undefined {
  const m = text.trim().match(/^(true|false) (-?\d+)$/);
  return m ? { oomKilled: m[1] === 'true', exitCode: Number(m[2]) } : undefined;
}

/**
 * The limit the kernel enforced, from the container's end. The memory cgroup's OOM killer sets OOMKilled; a
 * process killed by it alone (the container's main process survived) still shows as 137 with OOMKilled.
 */
export function limitFromEnd(end: ContainerEnd | undefined): LimitHit | undefined {
  return end?.oomKilled ? 'memory' : undefined;
}

const mib = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MiB`;

/** The sentence a student reads when a limit ended their program, naming the limit and what to change. */
export function limitMessage(hit: LimitHit, limits: SandboxLimits): Localized {
  switch (hit) {
    case 'memory':
      return {
        fr: `la solution a dépassé la limite mémoire du bac à sable (${mib(limits.memoryBytes)}, mémoire du conteneur, /tmp compris) et a été tuée par le noyau (OOM, code 137)`,
        en: `the solution went over the sandbox's memory limit (${mib(limits.memoryBytes)}, the container's memory, /tmp included) and was killed by the kernel (OOM, exit code 137)`,
      };
    case 'pids':
      return {
        fr: `la solution a atteint la limite de ${limits.pids} processus et fils d'exécution du bac à sable : elle ne peut plus en créer`,
        en: `the solution reached the sandbox's limit of ${limits.pids} processes and threads: it cannot start more`,
      };
    case 'open-files':
      return {
        fr: `la solution a atteint la limite de ${limits.openFiles} fichiers ouverts du bac à sable`,
        en: `the solution reached the sandbox's limit of ${limits.openFiles} open files`,
      };
    case 'output':
      return {
        fr: `la solution a écrit plus de ${mib(limits.outputBytes)} sur sa sortie et a été arrêtée`,
        en: `the solution wrote more than ${mib(limits.outputBytes)} of output and was stopped`,
      };
    case 'wall-time':
      return {
        fr: `la construction a dépassé ${Math.round(limits.buildWallMs / 1000)} s et a été arrêtée`,
        en: `the build took longer than ${Math.round(limits.buildWallMs / 1000)} s and was stopped`,
      };
  }
}

/** How to fix it, for the student. */
export function limitHint(hit: LimitHit): Localized {
  switch (hit) {
    case 'memory':
      return {
        fr: 'Réduisez la mémoire de votre programme : ne gardez pas tous les messages en mémoire, bornez les tampons et la JVM (-Xmx).',
        en: 'Use less memory: do not keep every message in memory, bound your buffers and the JVM (-Xmx).',
      };
    case 'pids':
      return {
        fr: 'Ne créez pas de processus ou de fils sans fin : utilisez un pool de taille fixe.',
        en: 'Do not start processes or threads without bound: use a fixed-size pool.',
      };
    case 'open-files':
      return {
        fr: 'Fermez les fichiers et connexions que vous ouvrez.',
        en: 'Close the files and connections you open.',
      };
    case 'output':
      return { fr: 'Réduisez vos journaux : pas une ligne par message.', en: 'Log less: not one line per message.' };
    case 'wall-time':
      return {
        fr: 'Vérifiez que la construction ne dépend pas d’un service injoignable.',
        en: 'Check that the build does not wait on an unreachable service.',
      };
  }
}
