import type { RunContext } from '../../engine/exercise.js';
import { SolutionProcess, type ExitInfo } from '../../runner/solution-process.js';
import { launchSpec } from '../../runner/solution.js';
import type { Write } from '../../scenarios/history.js';

export type Role = 'setup' | 'produce' | 'replay';

export interface RoleRun {
  role: Role;
  exit: ExitInfo;
  stdoutLines: string[];
}

/** Runs the solution in one role to completion (killed at the timeout), keeping its output for the report. */
export async function runRole(ctx: RunContext, role: Role, env: Record<string, string>, timeoutMs: number, phase: string, onStarted?: (p: SolutionProcess) => void): Promise<RoleRun> {
  const proc = new SolutionProcess(phase, launchSpec(ctx.solution, ctx.exerciseId, { ...ctx.solutionEnv, ...env }, [role]));
  onStarted?.(proc);
  const exit = await proc.waitForExit(timeoutMs);
  ctx.addLog(proc.log());
  return { role, exit, stdoutLines: proc.stdoutLines() };
}

/** The produce role's outcome lines, as the history checker's writes (missing lines: unknown outcome). */
export function writesFromOutcomes(lines: string[], prefix: string, count: number): { writes: Write[]; unreadable: number } {
  const told = new Map<string, { outcome: 'acked' | 'failed'; partition?: number; offset?: number; at: number }>();
  let unreadable = 0;
  lines.forEach((line, at) => {
    if (!line.trim().startsWith('{')) return;
    try {
      const o = JSON.parse(line) as { id?: unknown; outcome?: unknown; partition?: unknown; offset?: unknown };
      if (typeof o.id !== 'string' || (o.outcome !== 'acked' && o.outcome !== 'failed')) {
        unreadable++;
        return;
      }
      const offset = typeof o.offset === 'number' ? o.offset : typeof o.offset === 'string' && /^\d+$/.test(o.offset) ? Number(o.offset) : undefined;
      told.set(o.id, { outcome: o.outcome, partition: typeof o.partition === 'number' ? o.partition : undefined, offset, at });
    } catch {
      unreadable++;
    }
  });
  const writes: Write[] = Array.from({ length: count }, (_, i) => {
    const id = `${prefix}-${i}`;
    const t = told.get(id);
    return {
      id,
      key: `key-${i % 10}`,
      outcome: t?.outcome ?? 'unknown',
      seq: i,
      sentAtMs: i,
      ...(t?.partition !== undefined && t.offset !== undefined && t.outcome === 'acked' ? { ackPartition: t.partition, ackOffset: t.offset } : {}),
    };
  });
  return { writes, unreadable };
}
