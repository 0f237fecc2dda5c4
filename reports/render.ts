/**
 * Renders one grading run in the requested formats and writes the files into outDir.
 *
 *   console     -> returned as `text`, not written
 *   json        -> kgrade-<exercise>.json       (the GradeResult itself)
 *   html        -> kgrade-<exercise>.html
 *   junit       -> junit-<exercise>.xml
 *   classroom   -> classroom-<exercise>.json
 *   gradescope  -> results.json                 (the name Gradescope requires: use outDir
 *                                                /autograder/results; one exercise per submission)
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../core/errors.js';
import type { GradeResult } from '../model/result.js';
import type { Lang } from '../model/verdict.js';
import { renderConsole } from './console.js';
import { renderHtml } from './html.js';
import { renderJunit } from './junit.js';
import { renderClassroom } from './classroom.js';
import { renderGradescope } from './gradescope.js';

export const REPORT_FORMATS = ['console', 'json', 'html', 'junit', 'classroom', 'gradescope'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderReportsOptions {
  formats: ReportFormat[];
  outDir: string;
  lang: Lang;
  color: boolean;
  /** Console: one line of evidence under passed checks too. */
  verbose?: boolean;
}

export interface RenderedReport {
  format: ReportFormat;
  path?: string;
  text?: string;
}

/** "html,junit" or "html junit" -> ['html', 'junit']; unknown names are a UsageError listing the valid ones. */
export function parseFormats(s: string): ReportFormat[] {
  const names = s
    .split(/[\s,]+/)
    .map((n) => n.trim().toLowerCase())
    .filter(Boolean);
  const valid = REPORT_FORMATS.join(', ');
  if (names.length === 0)
    throw new UsageError(`No report format given (valid formats: ${valid})`, 'e.g. --format console,json');
  const unknown = names.filter((n) => !(REPORT_FORMATS as readonly string[]).includes(n));
  if (unknown.length > 0) {
    const list = unknown.map((n) => `"${n}"`).join(', ');
    throw new UsageError(
      `Unknown report format${unknown.length > 1 ? 's' : ''} ${list} (valid formats: ${valid})`,
      'e.g. --format console,json,html',
    );
  }
  return [...new Set(names)] as ReportFormat[];
}

/** Exercise ids become file names: anything but [A-Za-z0-9._-] is replaced. */
export function safeFileStem(id: string): string {
  const stem = id.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '_');
  return stem || 'exercise';
}

export function reportFileName(format: Exclude<ReportFormat, 'console'>, exerciseId: string): string {
  const ex = safeFileStem(exerciseId);
  switch (format) {
    case 'json':
      return `kgrade-${ex}.json`;
    case 'html':
      return `kgrade-${ex}.html`;
    case 'junit':
      return `junit-${ex}.xml`;
    case 'classroom':
      return `classroom-${ex}.json`;
    case 'gradescope':
      return 'results.json';
  }
}

export async function renderReports(result: GradeResult, opts: RenderReportsOptions): Promise<RenderedReport[]> {
  const { lang, color, outDir } = opts;
  const formats = [...new Set(opts.formats)];
  const out: RenderedReport[] = [];
  if (formats.some((f) => f !== 'console')) await mkdir(outDir, { recursive: true });

  for (const format of formats) {
    if (format === 'console') {
      out.push({ format, text: renderConsole(result, { lang, color, verbose: opts.verbose === true }) });
      continue;
    }
    const content = renderFile(format, result, lang);
    const path = join(outDir, reportFileName(format, result.exercise.id));
    await writeFile(path, content, 'utf8');
    out.push({ format, path });
  }
  return out;
}

function renderFile(format: Exclude<ReportFormat, 'console'>, result: GradeResult, lang: Lang): string {
  switch (format) {
    case 'json':
      return JSON.stringify(result, null, 2) + '\n';
    case 'html':
      return renderHtml(result, { lang });
    case 'junit':
      return renderJunit(result, { lang });
    case 'classroom':
      return renderClassroom(result, { lang }) + '\n';
    case 'gradescope':
      return renderGradescope(result, { lang }) + '\n';
  }
}
