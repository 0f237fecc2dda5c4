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
  let running: { line: string; t0: number } | undefined;
  let stage: { text: string; t0: number } | undefined;
  let ticker: NodeJS.Timeout | undefined;
  const elapsed = (t0: number) => formatDuration(now() - t0, opts.lang);
  const redraw = () => {
    if (running) opts.write(`\r\u001b[2K${running.line} … ${elapsed(running.t0)}`);
    else if (stage) opts.write(`\r\u001b[2K${stage.text} … ${elapsed(stage.t0)}`);
  };
  const startTicker = () => {
    if (opts.tty && !ticker) {
      ticker = setInterval(redraw, 1000);
      ticker.unref();
    }
  };
  const endLine = () => {
    if (opts.tty && (running || stage)) opts.write('\r\u001b[2K');
  };
  return {
    onEvent(e) {
      if (e.type === 'stage') {
        endLine();
        stage = { text: `[${e.exercise}] ${t(opts.lang, STAGES[e.stage])}`, t0: now() };
        running = undefined;
        if (opts.tty) redraw();
        else opts.write(`${stage.text} …\n`);
        startTicker();
      } else if (e.type === 'check-start') {
        endLine();
        stage = undefined;
        running = {
          line: `[${e.exercise}] ${e.index + 1}/${e.total} ${stripControlChars(e.check.title[opts.lang])}`,
          t0: now(),
        };
        if (opts.tty) redraw();
        else opts.write(`${running.line} …\n`);
        startTicker();
      } else {
        const line =
          running?.line ?? `[${e.exercise}] ${e.index + 1}/${e.total} ${stripControlChars(e.verdict.title[opts.lang])}`;
        const took = formatDuration(e.verdict.durationMs, opts.lang);
        endLine();
        running = undefined;
        opts.write(
          `${line} → ${STATUS_SYMBOL[e.verdict.status]} ${statusLabel(opts.lang, e.verdict.status)} ${e.verdict.score}/${e.verdict.points} (${took})\n`,
        );
      }
    },
    close() {
      clearInterval(ticker);
      ticker = undefined;
      endLine();
      running = undefined;
      stage = undefined;
    },
  };
}
