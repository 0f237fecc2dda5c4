import { portAnswers } from '../core/ports.js';
import { delay } from '../core/wait-for.js';
import type { Solution } from './solution.js';
import type { SolutionProcess } from './solution-process.js';

export interface ServingReadiness {
  port: number;
  /** The solution's declared ready line (kgrade.json `ready.log`): ready as soon as it appears. */
  log?: RegExp;
  /** After the port first answers, the process must still be alive (and the port answering) this long. */
  settleMs: number;
}

/**
 * A server is ready when its declared ready line appears, or when its port accepts connections and it is
 * still alive after a short settle: Spring Boot opens its HTTP port before the rest of its context starts,
 * and a context that then fails (a bad property) stops the JVM a moment later.
 */
export async function waitUntilServing(proc: SolutionProcess, ready: ServingReadiness, timeoutMs: number): Promise<'ready' | 'exited' | 'timeout'> {
  const deadline = performance.now() + timeoutMs;
  const logSeen = () => ready.log !== undefined && (ready.log.test(proc.stdoutText()) || ready.log.test(proc.stderrText()));
  while (performance.now() < deadline) {
    if (!proc.running) return 'exited';
    if (logSeen()) return 'ready';
    if (await portAnswers(ready.port, '127.0.0.1', 500)) {
      const settled = performance.now() + ready.settleMs;
      while (performance.now() < settled && proc.running && !logSeen()) await delay(100);
      if (!proc.running) return 'exited';
      if (logSeen() || (await portAnswers(ready.port, '127.0.0.1', 500))) return 'ready';
    }
    await delay(100);
  }
  return 'timeout';
}

/** The settle a server gets once its port answers: a JVM application's context may still fail after that. */
export function settleMsFor(solution: Solution, exerciseId: string): number {
  const start = solution.manifest.exercises?.[exerciseId]?.start ?? solution.manifest.start ?? '';
  return solution.runner === 'maven' || /\b(java|mvn|gradle|mvnw|gradlew)\b/.test(start) ? 3000 : 500;
}
