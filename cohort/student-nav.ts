/**
 * A student's report inside a cohort output (`students/<id>/kgrade-<ex>.html`) is the same page `kgrade grade`
 * writes; the cohort adds a bar at its top with the student's name and a link back to the dashboard (and to the
 * student's other reports). Pure: HTML in, HTML out; styles inline so the report's own CSS is untouched.
 */
import type { Lang } from '../model/verdict.js';
import type { CohortModel } from './cohort-model.js';
import { esc } from './dashboard.js';
import { dt } from './dashboard-i18n.js';

export interface StudentNav {
  lang: Lang;
  studentId: string;
  studentName: string;
  /** This report's exercise. */
  exerciseId: string;
  /** The student's reports, this one included: exercise id and file name (same folder). */
  reports: { exerciseId: string; file: string }[];
}

export const NAV_ID = 'kgrade-cohort-nav';

export function studentNavHtml(n: StudentNav): string {
  const others = n.reports
    .map((r) =>
      r.exerciseId === n.exerciseId
        ? `<b>${esc(r.exerciseId)}</b>`
        : `<a href="${esc(r.file)}" style="color:#0969da">${esc(r.exerciseId)}</a>`,
    )
    .join(' · ');
  return (
    `<nav id="${NAV_ID}" aria-label="${esc(dt(n.lang, 'studentNav'))}" style="font:14px/1.5 system-ui,sans-serif;background:#f6f8fa;border-bottom:1px solid #d0d7de;padding:8px 24px;display:flex;gap:16px;flex-wrap:wrap;align-items:baseline">` +
    `<a href="../../dashboard.html" style="color:#0969da">${esc(dt(n.lang, 'backToDashboard'))}</a>` +
    `<span><b style="font-size:16px">${esc(n.studentName)}</b> <span style="color:#59636e;font-family:ui-monospace,monospace;font-size:12px">${esc(n.studentId)}</span></span>` +
    (n.reports.length > 1
      ? `<span>${esc(dt(n.lang, 'otherReports'))}${n.lang === 'fr' ? ' : ' : ': '}${others}</span>`
      : '') +
    `</nav>`
  );
}

/** Puts the bar right after `<body>` (once: a page that has it already gets it replaced). */
export function withStudentNav(html: string, n: StudentNav): string {
  const bar = studentNavHtml(n);
  const existing = new RegExp(`<nav id="${NAV_ID}"[\\s\\S]*?</nav>`);
  if (existing.test(html)) return html.replace(existing, () => bar);
  const body = /<body[^>]*>/i.exec(html);
  if (!body) return bar + html;
  const at = body.index + body[0].length;
  return `${html.slice(0, at)}\n${bar}${html.slice(at)}`;
}

/** The bar of every report the model links to (students/<id>/...), from the model's rows. */
export function studentNavs(model: CohortModel): { href: string; nav: StudentNav }[] {
  return model.students.flatMap((s) => {
    const reports = s.cells.flatMap((c) => (c.reportHref ? [{ exerciseId: c.exerciseId, href: c.reportHref }] : []));
    return reports.map((r) => ({
      href: r.href,
      nav: {
        lang: model.lang,
        studentId: s.id,
        studentName: s.name,
        exerciseId: r.exerciseId,
        reports: reports.map((x) => ({ exerciseId: x.exerciseId, file: x.href.slice(x.href.lastIndexOf('/') + 1) })),
      },
    }));
  });
}
