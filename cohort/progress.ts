/**
 * Progress on stderr: on a TTY one line rewritten in place with the ETA; otherwise (CI, a log file)
 * one plain line per event, nothing rewritten.
 */
import type { ProgressEvent } from './cohort-options.js';

export function formatEta(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '?';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

export interface ProgressSink {
  write(s: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export function createProgressPrinter(out: ProgressSink): (e: ProgressEvent) => void {
  const tty = out.isTTY === true;
  let done = 0;
  let total = 0;
  let eta: number | undefined;
  const current = new Set<string>();
  const line = (s: string) => out.write(`kgrade cohort: ${s}\n`);
  const redraw = () => {
    const pct = total ? Math.floor((done / total) * 100) : 100;
    const text = `[${done}/${total}] ${pct}% ETA ${done ? formatEta(eta) : '?'}  ${[...current].join(' ')}`;
    const width = Math.max(20, (out.columns ?? 100) - 1);
    out.write(`\r\x1b[K${text.slice(0, width)}`);
  };
  return (e) => {
    switch (e.type) {
      case 'plan':
        total = e.toGrade;
        for (const p of e.rowProblems) line(`not graded: ${p.message}`);
        line(
          `${e.total} gradings: ${e.toGrade} to do, ${e.skipped} already done (--resume); ${
            e.sessions
              ? Object.entries(e.sessions)
                  .map(([ex, n]) => `${ex} ${n}`)
                  .join(', ')
              : e.parallel
          } at a time`,
        );
        break;
      case 'job-start':
        current.add(`${e.job.studentId}/${e.job.exerciseId}`);
        if (tty) redraw();
        else if (e.attempt === 1) line(`grading ${e.job.studentId} ${e.job.exerciseId}`);
        break;
      case 'job-retry':
        current.delete(`${e.job.studentId}/${e.job.exerciseId}`);
        if (tty) out.write('\r\x1b[K');
        line(
          `${e.job.studentId} ${e.job.exerciseId}: not gradable, ${e.kind} infrastructure failure (${e.problem}): retrying in ${(e.waitMs / 1000).toFixed(1)} s (attempt ${e.attempt + 1})`,
        );
        break;
      case 'stack-start':
        line(
          e.attempt === 1
            ? 'starting the stack (provisioning what it needs on first use)...'
            : `starting the stack, attempt ${e.attempt}...`,
        );
        break;
      case 'stack-ready':
        line(`stack ready (${e.provider}) in ${(e.ms / 1000).toFixed(1)} s`);
        break;
      case 'stack-retry':
        line(
          `the stack did not start, ${e.kind} infrastructure failure (${e.problem}): retrying in ${(e.waitMs / 1000).toFixed(1)} s`,
        );
        break;
      case 'stopped':
        if (tty) out.write('\r\x1b[K');
        line(`STOPPING: ${e.kind} infrastructure failure (${e.problem}): no further student is started`);
        break;
      case 'job-done': {
        done = e.done;
        eta = e.etaMs;
        current.delete(`${e.job.studentId}/${e.job.exerciseId}`);
        const r = e.record.result;
        const what =
          r.outcome === 'not-gradable'
            ? `NOT GRADABLE after ${e.record.attempts} attempt(s)`
            : `${r.score}/${r.maxScore}`;
        if (tty) {
          out.write('\r\x1b[K');
          line(`${e.job.studentId} ${e.job.exerciseId}: ${what}`);
          redraw();
        } else
          line(`[${e.done}/${e.toGrade}] ${e.job.studentId} ${e.job.exerciseId}: ${what} (ETA ${formatEta(e.etaMs)})`);
        break;
      }
      case 'reports':
        if (tty) out.write('\r\x1b[K');
        line(`reports in ${e.dir}`);
        break;
    }
  };
}
