/**
 * The cohort dashboard: one self-contained HTML file (inline CSS and SVG, no script, no external asset).
 * Every piece of text from students or the roster goes through `esc`.
 */
import type { Lang } from '../model/verdict.js';
import type { CohortModel, ExerciseCell, StudentRow } from './cohort-model.js';
import {
  attemptText,
  cellStatusText,
  dateTime,
  dt,
  num,
  rowProblemText,
  type CellStatus,
  type DashboardKey,
} from './dashboard-i18n.js';

export function esc(s: string | number | undefined): string {
  return String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

type T = (k: DashboardKey) => string;

const STATUS_CLASS: Record<CellStatus, string> = {
  pass: 'pass',
  fail: 'fail',
  error: 'err',
  'not-gradable': 'ng',
  skipped: 'skip',
  missing: 'miss',
};
const STATUS_SYMBOL: Record<CellStatus, string> = {
  pass: '✔',
  fail: '✘',
  error: '!',
  'not-gradable': '?',
  skipped: '–',
  missing: '·',
};
/** Heat-map headers show the check's title, cut to this many characters (the full title is in the tooltip). */
const HEADER_CHARS = 42;

export function renderDashboardHtml(model: CohortModel): string {
  const lang = model.lang;
  const t: T = (k) => dt(lang, k);
  const c = model.counts;
  const body = [
    `<h1>${t('title')}</h1>`,
    `<p class="meta">${t('generated')} ${esc(dateTime(lang, model.generatedAt))} · ${c.students} ${t('students')} · ${model.exercises.map((e) => esc(`${e.id} (${num(lang, e.maxScore)} pts)`)).join(', ')}${
      model.deadline
        ? ` · ${t('deadline')} ${esc(dateTime(lang, model.deadline))}${model.latePenaltyPct ? ` (${t('penalty')} ${num(lang, model.latePenaltyPct)} %)` : ''}`
        : ''
    }</p>`,
    section('needs-help', t('needsHelp'), needsHelp(model, t)),
    section('reteach', t('reteach'), reteach(model, t)),
    section('scores', t('scores'), scoresTable(model, t)),
    section('heatmap', t('heatmap'), heatmap(model, t)),
    section('distribution', t('distribution'), histogramSvg(model.histogram, lang)),
    section('similar', `${t('similar')} (≥ ${num(lang, model.similarityThreshold)})`, similar(model, t)),
    model.notGradable.length ? section('not-gradable', t('notGradable'), notGradable(model, t)) : '',
    model.rowProblems.length
      ? section(
          'row-problems',
          t('rowProblems'),
          `<ul>${model.rowProblems.map((p) => `<li>${esc(rowProblemText(lang, p))}</li>`).join('')}</ul>`,
        )
      : '',
  ].join('\n');
  return `<!doctype html>
<html lang="${model.lang}"><head><meta charset="utf-8"><title>${t('title')}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>${CSS}</style></head>
<body>
${body}
</body></html>
`;
}

function section(id: string, title: string, html: string): string {
  return `<section id="${id}"><h2>${esc(title)}</h2>\n${html}\n</section>`;
}

function needsHelp(m: CohortModel, t: T): string {
  if (!m.needsHelp.length) return `<p>${t('nobodyHelp')}</p>`;
  return `<ul>${m.needsHelp.map((h) => `<li><b>${esc(h.name)}</b> <span class="id">${esc(h.id)}</span>${colon(m.lang)}${h.reasons.map(esc).join(m.lang === 'fr' ? ' ; ' : '; ')}</li>`).join('')}</ul>`;
}

function reteach(m: CohortModel, t: T): string {
  if (!m.reteach.length) return `<p>${t('nothingToReteach')}</p>`;
  const rows = m.reteach
    .map(
      (r) =>
        `<tr><td><b>${esc(r.title)}</b><br><span class="id">${esc(`${r.exerciseId} / ${r.checkId}`)}</span></td><td class="num">${r.failed}/${r.judged}<div class="bar"><span style="width:${Math.round(r.failRate * 100)}%"></span></div></td><td>${esc(r.hint)}</td><td class="id">${r.failedStudents.map(esc).join(', ')}</td></tr>`,
    )
    .join('');
  return `<p class="note">${t('reteachNote')}</p><table><thead><tr><th>${t('check')}</th><th>${t('failed')}</th><th>${t('hint')}</th><th>${t('studentsCol')}</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function scoreCell(c: ExerciseCell, lang: Lang): string {
  const link = (inner: string, label: string) =>
    c.reportHref ? `<a href="${esc(c.reportHref)}" aria-label="${esc(label)}">${inner}</a>` : inner;
  if (c.state === 'missing')
    return c.why
      ? `<td class="miss why" title="${esc(c.why.detail)}">· ${esc(c.why.short)}</td>`
      : `<td class="miss" title="${esc(dt(lang, 'notGradedYet'))}">·</td>`;
  if (c.state === 'not-gradable')
    return `<td class="ng" title="${esc(dt(lang, 'notGradableCell'))}">${link('?', `${c.exerciseId}: ${dt(lang, 'notGradableCell')}`)}</td>`;
  const ratio = c.maxScore ? (c.score ?? 0) / c.maxScore : 0;
  const cls = c.errored ? 'err' : ratio >= 0.999 ? 'pass' : ratio >= 0.5 ? 'mid' : 'fail';
  const score = `${num(lang, c.score ?? 0)}/${num(lang, c.maxScore)}`;
  const label = c.errored ? `${c.exerciseId}: ${score}, ${dt(lang, 'doesNotBuild')}` : `${c.exerciseId}: ${score}`;
  return `<td class="${cls} num"${c.errored ? ` title="${esc(dt(lang, 'doesNotBuild'))}"` : ''}>${link(c.errored ? `${STATUS_SYMBOL.error} ${score}` : score, label)}</td>`;
}

/** The student's first report, where their name leads (the report links back to the dashboard). */
function studentName(s: StudentRow): string {
  const href = s.cells.find((c) => c.reportHref)?.reportHref;
  const name = `<b>${esc(s.name)}</b>`;
  return href ? `<a href="${esc(href)}">${name}</a>` : name;
}

function scoresTable(m: CohortModel, t: T): string {
  const lang = m.lang;
  const head = `<tr><th>${t('student')}</th>${m.exercises.map((e) => `<th title="${esc(e.title)}">${esc(e.id)}</th>`).join('')}<th>${t('total')}</th><th>%</th><th>${t('commit')}</th></tr>`;
  const rows = m.students
    .map(
      (s: StudentRow) =>
        `<tr><td>${studentName(s)} <span class="id">${esc(s.id)}</span>${s.late ? ` <span class="late">${t('late')}</span>` : ''}</td>${s.cells.map((c) => scoreCell(c, lang)).join('')}<td class="num">${num(lang, s.total)}/${num(lang, s.gradedMax)}</td><td class="num">${s.pct === undefined ? '–' : num(lang, s.pct)}</td><td class="id" title="${esc(dateTime(lang, s.commitDate))}">${esc(s.commit?.slice(0, 10))}</td></tr>`,
    )
    .join('');
  return `<table class="scores"><thead>${head}</thead><tbody>${rows}</tbody></table>`;
}

const colon = (lang: Lang) => (lang === 'fr' ? ' : ' : ': ');
const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1).trimEnd()}…` : s);

function heatmap(m: CohortModel, t: T): string {
  const lang = m.lang;
  const groups = `<tr><th></th>${m.exercises.map((e) => `<th colspan="${e.checks.length}" class="grp" title="${esc(e.title)}">${esc(e.id)}</th>`).join('')}</tr>`;
  const head = `<tr><th>${t('student')}</th>${m.exercises
    .flatMap((e) =>
      e.checks.map(
        (c) =>
          `<th class="rot" title="${esc(`${c.title} (${e.id}/${c.id})`)}"><div>${esc(cut(c.title, HEADER_CHARS))}</div></th>`,
      ),
    )
    .join('')}</tr>`;
  const rows = m.students
    .map((s) => {
      const cells = m.exercises.flatMap((e) => {
        const cell = s.cells.find((x) => x.exerciseId === e.id);
        return e.checks.map((c) => {
          const st: CellStatus =
            cell?.state === 'missing' || !cell
              ? 'missing'
              : (cell.checks.find((x) => x.id === c.id)?.status ?? 'missing');
          const label = `${s.name} · ${e.id} · ${c.title}${colon(lang)}${cellStatusText(lang, st)}`;
          const inner = cell?.reportHref
            ? `<a href="${esc(cell.reportHref)}" aria-label="${esc(label)}">${STATUS_SYMBOL[st]}</a>`
            : `<span aria-label="${esc(label)}">${STATUS_SYMBOL[st]}</span>`;
          return `<td class="hm ${STATUS_CLASS[st]}" title="${esc(label)}">${inner}</td>`;
        });
      });
      return `<tr><td>${studentName(s)}</td>${cells.join('')}</tr>`;
    })
    .join('');
  const legend = (Object.keys(STATUS_SYMBOL) as CellStatus[])
    .map((k) => `<span class="hm ${STATUS_CLASS[k]}">${STATUS_SYMBOL[k]}</span> ${esc(cellStatusText(lang, k))}`)
    .join(' &nbsp; ');
  return `<div class="scroll"><table class="heat"><thead>${groups}${head}</thead><tbody>${rows}</tbody></table></div><p class="note">${legend}</p><p class="note">${t('heatmapNote')}</p>`;
}

/**
 * Bars of students per 10 % band, as inline SVG: x ticks on the band edges (0 … 100, the last band holds
 * 100 %), a y axis counting students.
 */
export function histogramSvg(bins: CohortModel['histogram'], lang: Lang): string {
  const w = 560;
  const h = 240;
  const pad = { l: 46, r: 14, b: 44, t: 14 };
  const max = Math.max(1, ...bins.map((b) => b.count));
  const step = max <= 10 ? 1 : Math.ceil(max / 8);
  const yMax = Math.ceil(max / step) * step;
  const plotW = w - pad.l - pad.r;
  const plotH = h - pad.b - pad.t;
  const bw = plotW / bins.length;
  const y = (v: number) => pad.t + plotH - (v / yMax) * plotH;
  const parts: string[] = [];
  for (let v = 0; v <= yMax; v += step) {
    parts.push(
      `<line x1="${pad.l}" y1="${y(v).toFixed(1)}" x2="${w - pad.r}" y2="${y(v).toFixed(1)}" stroke="${v ? '#eee' : '#888'}"/><text x="${pad.l - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${v}</text>`,
    );
  }
  bins.forEach((b, i) => {
    const x = pad.l + i * bw;
    const top = y(b.count);
    const range = `${b.fromPct}–${b.toPct} %`;
    parts.push(
      `<rect class="hbar" x="${(x + 2).toFixed(1)}" y="${top.toFixed(1)}" width="${(bw - 4).toFixed(1)}" height="${(pad.t + plotH - top).toFixed(1)}"><title>${esc(`${range}${colon(lang)}${b.count} ${dt(lang, 'histogramY')}`)}</title></rect>`,
    );
    if (b.count)
      parts.push(
        `<text x="${(x + bw / 2).toFixed(1)}" y="${(top - 3).toFixed(1)}" text-anchor="middle">${b.count}</text>`,
      );
  });
  for (let i = 0; i <= bins.length; i++) {
    const x = pad.l + i * bw;
    const label = i < bins.length ? bins[i]!.fromPct : bins[bins.length - 1]!.toPct;
    parts.push(
      `<line x1="${x.toFixed(1)}" y1="${pad.t + plotH}" x2="${x.toFixed(1)}" y2="${pad.t + plotH + 4}" stroke="#888"/><text x="${x.toFixed(1)}" y="${pad.t + plotH + 16}" text-anchor="middle">${label}</text>`,
    );
  }
  parts.push(`<line x1="${pad.l}" y1="${pad.t}" x2="${pad.l}" y2="${pad.t + plotH}" stroke="#888"/>`);
  parts.push(`<text x="${pad.l + plotW / 2}" y="${h - 6}" text-anchor="middle">${esc(dt(lang, 'histogramX'))}</text>`);
  parts.push(
    `<text transform="translate(12 ${pad.t + plotH / 2}) rotate(-90)" text-anchor="middle">${esc(dt(lang, 'histogramY'))}</text>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="${esc(dt(lang, 'histogramLabel'))}">${parts.join('')}</svg>`;
}

function similar(m: CohortModel, t: T): string {
  const note = `<p class="note">${t('similarNote')}</p>`;
  if (!m.similarPairs.length) return `${note}<p>${t('noSimilar')}</p>`;
  const name = (id: string) => m.students.find((s) => s.id === id)?.name ?? id;
  return `${note}<table><thead><tr><th>${t('pair')}</th><th>${t('similarity')}</th></tr></thead><tbody>${m.similarPairs
    .map(
      (p) =>
        `<tr><td>${esc(name(p.a))} ↔ ${esc(name(p.b))} <span class="id">${esc(`${p.a} / ${p.b}`)}</span></td><td class="num">${num(m.lang, Math.round(p.similarity * 100) / 100)}</td></tr>`,
    )
    .join('')}</tbody></table>`;
}

function notGradable(m: CohortModel, t: T): string {
  const name = (id: string) => m.students.find((s) => s.id === id)?.name ?? id;
  return `<ul>${m.notGradable
    .map(
      (n) =>
        `<li><b>${esc(name(n.studentId))}</b> <span class="id">${esc(n.studentId)}</span> ${esc(n.exerciseId)} (${n.attempts} ${t('attempts')})${colon(m.lang)}${n.problems.map((p) => esc(attemptText(m.lang, p))).join(m.lang === 'fr' ? ' ; ' : '; ')}</li>`,
    )
    .join('')}</ul>`;
}

/** The student report's palette (reports/templates/report.hbs): error is amber, purple means not gradable. */
const CSS = `
:root{--pass:#1a7f37;--fail:#cf222e;--error:#9a6700;--ng:#8250df;--skip:#6e7781}
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;max-width:1400px}
h1{margin:0 0 4px}h2{border-bottom:1px solid #ddd;padding-bottom:4px;margin-top:28px}
.meta,.note{color:#666}.id{color:#888;font-family:ui-monospace,monospace;font-size:12px}
table{border-collapse:collapse}th,td{border:1px solid #e3e3e3;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f6f6f6}.num{text-align:right;white-space:nowrap}.scroll{overflow-x:auto}
td.pass,.hm.pass{background:#dafbe1;color:var(--pass)}td.mid{background:#eef6dc}td.fail,.hm.fail{background:#ffebe9;color:var(--fail)}
td.err,.hm.err{background:#fff1c2;color:var(--error)}td.ng,.hm.ng{background:#fbefff;color:var(--ng)}.hm.skip{background:#f6f8fa;color:var(--skip)}td.miss,.hm.miss{background:#fafafa;color:#aaa}td.miss.why{color:#59636e;white-space:nowrap}
td.pass a,td.fail a,td.mid a,td.err a,td.ng a{color:#222}
.hm{text-align:center;width:22px;padding:2px;font-weight:bold}span.hm{display:inline-block;padding:0 4px}.hm a{color:inherit;text-decoration:none;display:block}
th.rot{vertical-align:bottom;padding:4px 2px}th.rot div{writing-mode:vertical-rl;transform:rotate(180deg);font-weight:normal;font-size:12px;white-space:nowrap;max-height:260px}
th.grp{text-align:center}.late{background:#c0392b;color:#fff;border-radius:3px;padding:0 4px;font-size:11px}
.bar{background:#eee;height:6px;width:80px;margin-top:3px}.bar span{display:block;height:6px;background:#c0392b}
svg text{font-size:11px;fill:#444}.hbar{fill:#4a7bd0}
a{color:inherit}
`;
