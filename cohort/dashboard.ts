/**
 * The cohort dashboard: one self-contained HTML file (inline CSS and SVG, no script, no external asset).
 * Every piece of text from students or the roster goes through `esc`.
 */
import type { Lang, VerdictStatus } from '../model/verdict.js';
import type { CohortModel, ExerciseCell, StudentRow } from './cohort-model.js';

export function esc(s: string | number | undefined): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const L = {
  title: { fr: 'Tableau de bord de la promotion', en: 'Cohort dashboard' },
  generated: { fr: 'Généré le', en: 'Generated' },
  students: { fr: 'étudiants', en: 'students' },
  needsHelp: { fr: 'Qui a besoin d’aide', en: 'Who needs help' },
  nobodyHelp: { fr: 'Personne sous le seuil.', en: 'Nobody below the threshold.' },
  reteach: { fr: 'À réexpliquer', en: 'What to re-teach' },
  reteachNote: { fr: 'Vérifications les plus échouées (parmi les solutions évaluées sur ce point ; une solution qui ne compile pas ne compte pas).', en: 'Checks most students fail (among solutions judged on that point; a solution that does not build does not count).' },
  nothingToReteach: { fr: 'Aucune vérification échouée.', en: 'No failed check.' },
  scores: { fr: 'Scores', en: 'Scores' },
  heatmap: { fr: 'Carte de chaleur étudiant × vérification', en: 'Heat map: student × check' },
  distribution: { fr: 'Distribution des scores', en: 'Score distribution' },
  similar: { fr: 'Solutions similaires', en: 'Similar solutions' },
  similarNote: {
    fr: 'Un indice, jamais un verdict : des solutions partant du même squelette se ressemblent. Jaccard des 5-grammes de jetons normalisés.',
    en: 'A hint, never a verdict: solutions started from the same skeleton look alike. Jaccard index of normalised token 5-grams.',
  },
  noSimilar: { fr: 'Aucune paire au-dessus du seuil', en: 'No pair above the threshold' },
  notGradable: { fr: 'Non évaluables (infrastructure, pas l’étudiant)', en: 'Not gradable (infrastructure, not the student)' },
  rowProblems: { fr: 'Lignes non évaluées', en: 'Rows not graded' },
  student: { fr: 'Étudiant', en: 'Student' },
  total: { fr: 'Total', en: 'Total' },
  late: { fr: 'en retard', en: 'late' },
  commit: { fr: 'Commit', en: 'Commit' },
  check: { fr: 'Vérification', en: 'Check' },
  failed: { fr: 'Échecs', en: 'Failed' },
  hint: { fr: 'Notion du cours', en: 'Course notion' },
  pair: { fr: 'Paire', en: 'Pair' },
  similarity: { fr: 'Similarité', en: 'Similarity' },
  attempts: { fr: 'tentatives', en: 'attempts' },
  deadline: { fr: 'Date limite', en: 'Deadline' },
  penalty: { fr: 'pénalité de retard', en: 'late penalty' },
} satisfies Record<string, Record<Lang, string>>;

const STATUS_CLASS: Record<VerdictStatus | 'missing', string> = { pass: 'pass', fail: 'fail', error: 'err', 'not-gradable': 'ng', skipped: 'skip', missing: 'miss' };
const STATUS_SYMBOL: Record<VerdictStatus | 'missing', string> = { pass: '✔', fail: '✘', error: '!', 'not-gradable': '?', skipped: '–', missing: '·' };

export function renderDashboardHtml(model: CohortModel): string {
  const t = (k: keyof typeof L) => L[k][model.lang];
  const c = model.counts;
  const body = [
    `<h1>${t('title')}</h1>`,
    `<p class="meta">${t('generated')} ${esc(model.generatedAt)} · ${c.students} ${t('students')} · ${model.exercises.map((e) => esc(`${e.id} (${e.maxScore} pts)`)).join(', ')}${
      model.deadline ? ` · ${t('deadline')} ${esc(model.deadline)}${model.latePenaltyPct ? ` (${t('penalty')} ${model.latePenaltyPct} %)` : ''}` : ''
    }</p>`,
    section('needs-help', t('needsHelp'), needsHelp(model, t)),
    section('reteach', t('reteach'), reteach(model, t)),
    section('scores', t('scores'), scoresTable(model, t)),
    section('heatmap', t('heatmap'), heatmap(model, t)),
    section('distribution', t('distribution'), histogramSvg(model.histogram)),
    section('similar', `${t('similar')} (≥ ${model.similarityThreshold})`, similar(model, t)),
    model.notGradable.length ? section('not-gradable', t('notGradable'), notGradable(model, t)) : '',
    model.rowProblems.length ? section('row-problems', t('rowProblems'), `<ul>${model.rowProblems.map((p) => `<li>${esc(p.message)}</li>`).join('')}</ul>`) : '',
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

function needsHelp(m: CohortModel, t: (k: keyof typeof L) => string): string {
  if (!m.needsHelp.length) return `<p>${t('nobodyHelp')}</p>`;
  return `<ul>${m.needsHelp.map((h) => `<li><b>${esc(h.name)}</b> <span class="id">${esc(h.id)}</span>: ${h.reasons.map(esc).join('; ')}</li>`).join('')}</ul>`;
}

function reteach(m: CohortModel, t: (k: keyof typeof L) => string): string {
  if (!m.reteach.length) return `<p>${t('nothingToReteach')}</p>`;
  const rows = m.reteach
    .map(
      (r) =>
        `<tr><td><b>${esc(r.title)}</b><br><span class="id">${esc(`${r.exerciseId} / ${r.checkId}`)}</span></td><td class="num">${r.failed}/${r.judged}<div class="bar"><span style="width:${Math.round(r.failRate * 100)}%"></span></div></td><td>${esc(r.hint)}</td><td class="id">${r.failedStudents.map(esc).join(', ')}</td></tr>`,
    )
    .join('');
  return `<p class="note">${t('reteachNote')}</p><table><thead><tr><th>${t('check')}</th><th>${t('failed')}</th><th>${t('hint')}</th><th>${t('students')}</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function scoreCell(c: ExerciseCell): string {
  const link = (inner: string) => (c.reportHref ? `<a href="${esc(c.reportHref)}">${inner}</a>` : inner);
  if (c.state === 'missing') return `<td class="miss">·</td>`;
  if (c.state === 'not-gradable') return `<td class="ng" title="not gradable">${link('?')}</td>`;
  const ratio = c.maxScore ? (c.score ?? 0) / c.maxScore : 0;
  const cls = c.errored ? 'err' : ratio >= 0.999 ? 'pass' : ratio >= 0.5 ? 'mid' : 'fail';
  return `<td class="${cls} num">${link(`${c.score}/${c.maxScore}`)}</td>`;
}

function scoresTable(m: CohortModel, t: (k: keyof typeof L) => string): string {
  const head = `<tr><th>${t('student')}</th>${m.exercises.map((e) => `<th title="${esc(e.title)}">${esc(e.id)}</th>`).join('')}<th>${t('total')}</th><th>%</th><th>${t('commit')}</th></tr>`;
  const rows = m.students
    .map(
      (s: StudentRow) =>
        `<tr><td><b>${esc(s.name)}</b> <span class="id">${esc(s.id)}</span>${s.late ? ` <span class="late">${t('late')}</span>` : ''}</td>${s.cells.map(scoreCell).join('')}<td class="num">${s.total}/${s.gradedMax}</td><td class="num">${s.pct ?? '–'}</td><td class="id" title="${esc(s.commitDate)}">${esc(s.commit?.slice(0, 10))}</td></tr>`,
    )
    .join('');
  return `<table class="scores"><thead>${head}</thead><tbody>${rows}</tbody></table>`;
}

function heatmap(m: CohortModel, t: (k: keyof typeof L) => string): string {
  const groups = `<tr><th></th>${m.exercises.map((e) => `<th colspan="${e.checks.length}" class="grp">${esc(e.id)}</th>`).join('')}</tr>`;
  const head = `<tr><th>${t('student')}</th>${m.exercises.flatMap((e) => e.checks.map((c) => `<th class="rot" title="${esc(c.title)}"><div>${esc(c.id)}</div></th>`)).join('')}</tr>`;
  const rows = m.students
    .map((s) => {
      const cells = m.exercises.flatMap((e) => {
        const cell = s.cells.find((x) => x.exerciseId === e.id);
        return e.checks.map((c) => {
          const st: VerdictStatus | 'missing' = cell?.state === 'missing' || !cell ? 'missing' : (cell.checks.find((x) => x.id === c.id)?.status ?? 'missing');
          return `<td class="hm ${STATUS_CLASS[st]}" title="${esc(`${s.id} · ${e.id}/${c.id}: ${st}`)}">${STATUS_SYMBOL[st]}</td>`;
        });
      });
      return `<tr><td>${esc(s.name)}</td>${cells.join('')}</tr>`;
    })
    .join('');
  const legend = (Object.keys(STATUS_SYMBOL) as (VerdictStatus | 'missing')[]).map((k) => `<span class="hm ${STATUS_CLASS[k]}">${STATUS_SYMBOL[k]}</span> ${k}`).join(' &nbsp; ');
  return `<table class="heat"><thead>${groups}${head}</thead><tbody>${rows}</tbody></table><p class="note">${legend}</p>`;
}

/** Bars of students per 10 % band, as inline SVG. */
export function histogramSvg(bins: CohortModel['histogram']): string {
  const w = 520;
  const h = 200;
  const pad = { l: 30, b: 30, t: 10 };
  const max = Math.max(1, ...bins.map((b) => b.count));
  const bw = (w - pad.l) / bins.length;
  const plotH = h - pad.b - pad.t;
  const bars = bins
    .map((b, i) => {
      const bh = (b.count / max) * plotH;
      const x = pad.l + i * bw;
      const y = pad.t + plotH - bh;
      return `<rect class="hbar" x="${x + 2}" y="${y.toFixed(1)}" width="${(bw - 4).toFixed(1)}" height="${bh.toFixed(1)}"><title>${b.fromPct}-${b.toPct} %: ${b.count}</title></rect>${
        b.count ? `<text x="${(x + bw / 2).toFixed(1)}" y="${(y - 2).toFixed(1)}" text-anchor="middle">${b.count}</text>` : ''
      }<text x="${(x + bw / 2).toFixed(1)}" y="${h - pad.b + 14}" text-anchor="middle">${b.fromPct}</text>`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="score histogram">
<line x1="${pad.l}" y1="${pad.t + plotH}" x2="${w}" y2="${pad.t + plotH}" stroke="#888"/>${bars}<text x="${w - 4}" y="${h - 2}" text-anchor="end">% →</text></svg>`;
}

function similar(m: CohortModel, t: (k: keyof typeof L) => string): string {
  const note = `<p class="note">${t('similarNote')}</p>`;
  if (!m.similarPairs.length) return `${note}<p>${t('noSimilar')}.</p>`;
  const name = (id: string) => m.students.find((s) => s.id === id)?.name ?? id;
  return `${note}<table><thead><tr><th>${t('pair')}</th><th>${t('similarity')}</th></tr></thead><tbody>${m.similarPairs
    .map((p) => `<tr><td>${esc(name(p.a))} ↔ ${esc(name(p.b))} <span class="id">${esc(`${p.a} / ${p.b}`)}</span></td><td class="num">${p.similarity.toFixed(2)}</td></tr>`)
    .join('')}</tbody></table>`;
}

function notGradable(m: CohortModel, t: (k: keyof typeof L) => string): string {
  return `<ul>${m.notGradable.map((n) => `<li><b>${esc(n.studentId)}</b> ${esc(n.exerciseId)} (${n.attempts} ${t('attempts')}): ${n.problems.map(esc).join('; ')}</li>`).join('')}</ul>`;
}

const CSS = `
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;max-width:1400px}
h1{margin:0 0 4px}h2{border-bottom:1px solid #ddd;padding-bottom:4px;margin-top:28px}
.meta,.note{color:#666}.id{color:#888;font-family:ui-monospace,monospace;font-size:12px}
table{border-collapse:collapse}th,td{border:1px solid #e3e3e3;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f6f6f6}.num{text-align:right;white-space:nowrap}
td.pass,.hm.pass{background:#d9f2dd}td.mid{background:#fff2c6}td.fail,.hm.fail{background:#f8d3d3}
td.err,.hm.err{background:#e9c9f0}td.ng,.hm.ng{background:#d9e4f5}.hm.skip{background:#eee}td.miss,.hm.miss{background:#fafafa;color:#aaa}
.hm{text-align:center;width:22px;padding:2px}span.hm{display:inline-block;padding:0 4px}
th.rot{height:110px;vertical-align:bottom;padding:2px}th.rot div{writing-mode:vertical-rl;transform:rotate(180deg);font-weight:normal;font-size:12px}
th.grp{text-align:center}.late{background:#c0392b;color:#fff;border-radius:3px;padding:0 4px;font-size:11px}
.bar{background:#eee;height:6px;width:80px;margin-top:3px}.bar span{display:block;height:6px;background:#c0392b}
svg text{font-size:11px;fill:#444}.hbar{fill:#4a7bd0}
a{color:inherit}
`;
