/**
 * Live progress while grading (on stderr, so stdout keeps the report): each stage, each check's name when it
 * starts, its elapsed time while it runs (a terminal), then its verdict line. A grading that takes minutes is
 * never silent.
 */
import type { GradeEvent } from '../model/progress.js';
import type { Lang } from '../model/verdict.js';
import { STATUS_SYMBOL, formatDuration, stripControlChars } from './format.js';
import { statusLabel, t } from './i18n.js';

export interface ProgressOptions {
  lang: Lang;
  /** A terminal: the running check's line is redrawn with its elapsed time. */
  tty: boolean;
  write: (s: string) => void;
  /** For tests: the clock. */
  now?: () => number;
}

const STAGES = { setup: 'stage_setup', prepare: 'stage_prepare' } as const;

export interface ProgressPrinter {
  onEvent(e: GradeEvent): void;
  /** Stops the elapsed-time ticker (call when grading ends). */
  close(): void;
}

export function progressPrinter(opts: ProgressOptions): ProgressPrinter {
  const now = opts.now ?? (() => performance.now());
  // What each exercise is doing now (a course grades two at once): its running check, else its stage.
  const current = new Map<string, { text: string; t0: number; check: boolean }>();
  let ticker: NodeJS.Timeout | undefined;
  const elapsed = (t0: number) => formatDuration(now() - t0, opts.lang);
  const redraw = () => {
    if (current.size)
      opts.write(`\r\u001b[2K${[...current.values()].map((c) => `${c.text} … ${elapsed(c.t0)}`).join('  ·  ')}`);
  };
  const startTicker = () => {
    if (opts.tty && !ticker) {
      ticker = setInterval(redraw, 1000);
      ticker.unref();
    }
  };
  const endLine = () => {
    if (opts.tty && current.size) opts.write('\r\u001b[2K');
  };
  return {
    onEvent(e) {
      endLine();
      if (e.type === 'stage') {
        const text = `[${e.exercise}] ${t(opts.lang, STAGES[e.stage])}`;
        current.set(e.exercise, { text, t0: now(), check: false });
        if (!opts.tty) opts.write(`${text} …\n`);
        startTicker();
      } else if (e.type === 'check-start') {
        const text = `[${e.exercise}] ${e.index + 1}/${e.total} ${stripControlChars(e.check.title[opts.lang])}`;
        current.set(e.exercise, { text, t0: now(), check: true });
        if (!opts.tty) opts.write(`${text} …\n`);
        startTicker();
      } else {
        const mine = current.get(e.exercise);
        const line =
          mine?.check === true
            ? mine.text
            : `[${e.exercise}] ${e.index + 1}/${e.total} ${stripControlChars(e.verdict.title[opts.lang])}`;
        const took = formatDuration(e.verdict.durationMs, opts.lang);
        current.delete(e.exercise);
        opts.write(
          `${line} → ${STATUS_SYMBOL[e.verdict.status]} ${statusLabel(opts.lang, e.verdict.status)} ${e.verdict.score}/${e.verdict.points} (${took})\n`,
        );
      }
      if (opts.tty) redraw();
    },
    close() {
      clearInterval(ticker);
      ticker = undefined;
      endLine();
      current.clear();
    },
  };
}
