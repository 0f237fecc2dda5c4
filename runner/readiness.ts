import { portAnswers } from '../core/ports.js';
import { delay } from '../core/wait-for.js';
import type { Localized } from '../model/verdict.js';
import { portFinding, type PortFinding } from './listening-ports.js';
import type { Solution } from './solution.js';
import type { SolutionProcess } from './solution-process.js';

export interface ServingReadiness {
  port: number;
  /** The solution's declared ready line (kgrade.json `ready.log`): ready as soon as it appears. */
  log?: RegExp;
  /** After the port first answers, the process must still be alive (and the port answering) this long. */
  settleMs: number;
}

/** How long a program may listen only elsewhere than PORT before it is told so (a second listener may come late). */
export const WRONG_PORT_GRACE_MS = 3000;
const SOCKET_LOOK_EVERY_MS = 500;

/** `wrong-port`: it listened, for WRONG_PORT_GRACE_MS, only where the grader cannot reach it (`proc.listeningSockets()` says where). */
export type ServingOutcome = 'ready' | 'exited' | 'timeout' | 'wrong-port';

/**
 * A server is ready when its declared ready line appears, or when its port accepts connections and it is
 * still alive after a short settle: Spring Boot opens its HTTP port before the rest of its context starts,
 * and a context that then fails (a bad property) stops the JVM a moment later. Meanwhile the sockets its
 * processes listen on are read: one that listens elsewhere than PORT is named at once, not at the time limit.
 */
export async function waitUntilServing(
  proc: SolutionProcess,
  ready: ServingReadiness,
  timeoutMs: number,
): Promise<ServingOutcome> {
  const deadline = performance.now() + timeoutMs;
  const logSeen = () =>
    ready.log !== undefined && (ready.log.test(proc.stdoutText()) || ready.log.test(proc.stderrText()));
  let lookedAt = 0;
  let elsewhereSince: number | undefined;
  while (performance.now() < deadline) {
    if (!proc.running) return 'exited';
    if (logSeen()) return 'ready';
    if (await portAnswers(ready.port, '127.0.0.1', 500)) {
      const settled = performance.now() + ready.settleMs;
      while (performance.now() < settled && proc.running && !logSeen()) await delay(100);
      if (!proc.running) return 'exited';
      if (logSeen() || (await portAnswers(ready.port, '127.0.0.1', 500))) return 'ready';
    }
    if (performance.now() - lookedAt >= SOCKET_LOOK_EVERY_MS) {
      lookedAt = performance.now();
      const sockets = proc.listeningSockets();
      const finding = sockets && portFinding(sockets, ready.port).kind;
      if (finding === 'elsewhere' || finding === 'unreachable-address') {
        elsewhereSince ??= lookedAt;
        if (lookedAt - elsewhereSince >= WRONG_PORT_GRACE_MS) return 'wrong-port';
      } else elsewhereSince = undefined;
    }
    await delay(100);
  }
  return 'timeout';
}

/**
 * What a program that never served PORT is told, from the sockets it listens on (undefined: this machine
 * cannot tell): the port it chose instead, an address the grader cannot reach, or no socket at all. Pure.
 */
export function notServingDiagnosis(
  port: number,
  finding: PortFinding | undefined,
  waitedMs: number,
): { message: Localized; hint: Localized } {
  const s = Math.round(waitedMs / 1000);
  const slowStart = {
    fr: 'Un démarrage lent peut déclarer "ready": {"timeoutSeconds": n} dans kgrade.json.',
    en: 'A slow start can declare "ready": {"timeoutSeconds": n} in kgrade.json.',
  };
  const readPort = {
    fr: "Lisez le port dans la variable d'environnement PORT (Spring Boot : server.port=${PORT:8080} ; Node : process.env.PORT).",
    en: 'Read the port from the PORT environment variable (Spring Boot: server.port=${PORT:8080}; Node: process.env.PORT).',
  };
  if (finding?.kind === 'elsewhere') {
    const ports = finding.ports.join(', ');
    return {
      message: {
        fr: `votre programme écoute sur ${ports}, pas sur PORT=${port} (lisez PORT dans l'environnement)`,
        en: `your program listens on ${ports}, not on PORT=${port} (read PORT from the environment)`,
      },
      hint: readPort,
    };
  }
  if (finding?.kind === 'unreachable-address') {
    const addrs = finding.addresses.join(', ');
    return {
      message: {
        fr: `votre programme écoute sur le port ${port}, mais seulement à l'adresse ${addrs}, que le correcteur n'atteint pas par 127.0.0.1`,
        en: `your program listens on port ${port}, but only on address ${addrs}, which the grader cannot reach through 127.0.0.1`,
      },
      hint: {
        fr: 'Écoutez sur 0.0.0.0 (toutes les interfaces) ou sur 127.0.0.1.',
        en: 'Listen on 0.0.0.0 (every interface) or on 127.0.0.1.',
      },
    };
  }
  if (finding?.kind === 'nowhere') {
    return {
      message: {
        fr: `votre programme n'écoutait sur aucun port TCP après ${s} s (attendu : PORT=${port})`,
        en: `your program was listening on no TCP port after ${s} s (expected: PORT=${port})`,
      },
      hint: {
        fr: `Démarrez-vous bien un serveur HTTP ? ${readPort.fr} ${slowStart.fr}`,
        en: `Does it start an HTTP server? ${readPort.en} ${slowStart.en}`,
      },
    };
  }
  return {
    message: {
      fr: `l'application n'écoutait toujours pas sur le port PORT=${port} après ${s} s`,
      en: `the application was still not listening on PORT=${port} after ${s} s`,
    },
    hint: {
      fr: `Lisez-vous bien la variable PORT (Spring Boot : server.port=\${PORT:8080}) ? ${slowStart.fr}`,
      en: `Does it read the PORT variable (Spring Boot: server.port=\${PORT:8080})? ${slowStart.en}`,
    },
  };
}

/** The settle a server gets once its port answers: a JVM application's context may still fail after that. */
export function settleMsFor(solution: Solution, exerciseId: string): number {
  const start = solution.manifest.exercises?.[exerciseId]?.start ?? solution.manifest.start ?? '';
  return solution.runner === 'maven' || /\b(java|mvn|gradle|mvnw|gradlew)\b/.test(start) ? 3000 : 500;
}
