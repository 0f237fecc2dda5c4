import { SolutionError } from '../../core/errors.js';
import { tail } from '../../core/exec.js';
import type { RunContext } from '../../engine/exercise.js';
import type { Localized } from '../../model/verdict.js';
import type { Manifest } from '../../runner/manifest.js';
import { limitStopError } from '../../runner/limit-stop.js';
import { SolutionProcess } from '../../runner/solution-process.js';
import { launchSpec, launchVia } from '../../runner/solution.js';
import { evictDeadMembers, type Eviction } from '../faults/evict-members.js';

export interface ReadyRule {
  pattern: RegExp;
  /** The line as the solution declared it (or the contract's), for diagnoses. */
  line: string;
  timeoutMs: number;
}

/** How the grader knows an instance is ready: the declared `ready.log` (a regular expression, checked when kgrade.json is read) or the contract's line. Pure. */
export function readyRuleFor(
  manifest: Pick<Manifest, 'ready'>,
  contractLine: string,
  contractTimeoutMs: number,
): ReadyRule {
  const declared = manifest.ready?.log;
  const timeoutMs = (manifest.ready?.timeoutSeconds ?? 0) * 1000 || contractTimeoutMs;
  if (!declared) return { pattern: new RegExp(contractLine), line: contractLine, timeoutMs };
  return { pattern: new RegExp(declared), line: declared, timeoutMs }; // validated with the manifest
}

export interface LongRunningOptions {
  /** How diagnoses name the application: { fr: "l'application consommatrice", en: 'the consumer application' }. */
  name: Localized;
  ready: ReadyRule;
  /** What to do when the ready line never came (printed as the hint). */
  readyHint: Localized;
  /**
   * The consumer groups the instances join (the contract's names). After a kill their dead members are removed
   * at once (evictDeadMembers), so a restart does not wait for the dead members' session timeout.
   */
  groups?: string[];
}

/**
 * A solution that runs until the grader stops it (a consumer application): one or more instances, each
 * started and awaited on its ready line, stopped (SIGTERM) or killed (SIGKILL) and restarted by the checks.
 */
export class LongRunningApp {
  readonly instances: SolutionProcess[] = [];
  /** What the last kill's eviction did, per group in `groups` (the evidence names it). */
  lastEvictions: Eviction[] = [];

  constructor(
    private readonly ctx: RunContext,
    private readonly opts: LongRunningOptions,
  ) {}

  /** Starts one more instance and waits for its ready line; a start-up exit or a missing line is the solution's error. */
  async startInstance(label: string, env: Record<string, string> = {}): Promise<SolutionProcess> {
    const { name, ready: rule, readyHint } = this.opts;
    const proc = new SolutionProcess(
      label,
      launchSpec(this.ctx.solution, this.ctx.exerciseId, { ...this.ctx.solutionEnv, ...env }),
      undefined,
      launchVia(this.ctx.solution),
    );
    this.instances.push(proc);
    const launchedAt = performance.now();
    const ready = await proc.waitForReady({ log: rule.pattern }, rule.timeoutMs);
    this.ctx.recordStart?.(label, performance.now() - launchedAt);
    if (ready === 'ready') return proc;
    this.ctx.addLog(proc.log());
    if (ready === 'timeout') await proc.killAndWait();
    const code = proc.exitSummary().code;
    const limit = proc.exitSummary().limit;
    if (ready === 'exited' && limit)
      throw limitStopError(
        limit,
        { fr: `${name.fr} s'est arrêtée au démarrage`, en: `${name.en} exited during start-up` },
        proc,
      );
    throw new SolutionError(
      ready === 'exited' ? 'start' : 'not-ready',
      ready === 'exited'
        ? {
            fr: `${name.fr} s'est arrêtée au démarrage (code ${code})`,
            en: `${name.en} exited during start-up (code ${code})`,
          }
        : {
            fr: `${name.fr} n'a pas affiché sa ligne « prêt » (/${rule.line}/) en ${rule.timeoutMs / 1000} s`,
            en: `${name.en} did not print its ready line (/${rule.line}/) within ${rule.timeoutMs / 1000} s`,
          },
      ready === 'exited'
        ? {
            fr: "L'application s'est arrêtée au démarrage : lisez sa sortie ci-dessous.",
            en: 'The application stopped during start-up: read its output below.',
          }
        : readyHint,
      tail(proc.stderrText() + '\n' + proc.stdoutText(), 25),
    );
  }

  /** Once every instance started has exited, waiting on the application would only time out: its crash is the verdict. */
  assertSomeInstanceAlive(): void {
    if (this.instances.length && this.instances.every((p) => !p.running)) {
      const last = this.instances[this.instances.length - 1]!;
      const code = last.exitSummary().code;
      const limit = last.exitSummary().limit;
      if (limit)
        throw limitStopError(
          limit,
          { fr: `${this.opts.name.fr} s'est arrêtée`, en: `${this.opts.name.en} exited` },
          last,
        );
      throw new SolutionError(
        'crash',
        { fr: `${this.opts.name.fr} s'est arrêtée (code ${code})`, en: `${this.opts.name.en} exited (code ${code})` },
        { fr: "L'application s'est arrêtée : lisez sa sortie.", en: 'The application stopped: read its output.' },
        tail(last.stderrText() + '\n' + last.stdoutText(), 25),
      );
    }
  }

  /** Instances still running. */
  running(): SolutionProcess[] {
    return this.instances.filter((p) => p.running);
  }

  /**
   * Stops (SIGTERM) or kills (SIGKILL) every running instance, keeping their output for the report. After a kill,
   * the dead members leave `groups` at once.
   */
  async stopAll(how: 'stop' | 'kill'): Promise<void> {
    await Promise.all(this.running().map((p) => (how === 'stop' ? p.stop(15_000) : p.killAndWait())));
    for (const p of this.instances.splice(0)) this.ctx.addLog(p.log());
    if (how === 'kill' && this.opts.groups?.length)
      this.lastEvictions = await evictDeadMembers(this.ctx.stack, this.opts.groups);
  }
}
