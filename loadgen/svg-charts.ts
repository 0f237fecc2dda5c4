/** Dependency-free inline SVG charts for the HTML reports (readable projected in a classroom). Pure. */
export const PALETTE = [
  '#1f77b4',
  '#d62728',
  '#2ca02c',
  '#ff7f0e',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#17becf',
  '#7f7f7f',
  '#bcbd22',
];

export interface LineSeries {
  name: string;
  points: [number, number][];
  color?: string;
  dashed?: boolean;
  /** Draw dots only (e.g. perf-test's few percentiles). */
  markersOnly?: boolean;
}

export interface Tick {
  at: number;
  label: string;
}

const W = 760;
const H = 360;
const M = { left: 70, right: 44, top: 36, bottom: 56 };
/** Legend rows start below the x-axis label. */
const LEGEND_ROW = 18;

export const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function niceMax(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

const fmt = (v: number) =>
  Math.abs(v) >= 1000
    ? `${Math.round(v / 100) / 10}k`
    : Math.abs(v) >= 10
      ? String(Math.round(v))
      : String(Math.round(v * 100) / 100);

function legendHeight(n: number, cols: number): number {
  return Math.ceil(n / cols) * LEGEND_ROW + 8;
}

function legend(items: { name: string; color: string; dashed?: boolean; marker?: boolean }[], cols: number): string {
  const colW = (W - M.left) / cols;
  return items
    .map((it, i) => {
      const x = M.left + (i % cols) * colW;
      const y = H + Math.floor(i / cols) * LEGEND_ROW;
      const swatch = it.marker
        ? `<circle cx="${x + 11}" cy="${y - 4}" r="4.5" fill="none" stroke="${it.color}" stroke-width="2"/>`
        : `<line x1="${x}" y1="${y - 4}" x2="${x + 22}" y2="${y - 4}" stroke="${it.color}" stroke-width="3"${it.dashed ? ' stroke-dasharray="5 3"' : ''}/>`;
      return `${swatch}<text x="${x + 28}" y="${y}" font-size="12">${esc(it.name)}</text>`;
    })
    .join('');
}

const legendCols = (names: string[]) => (Math.max(0, ...names.map((n) => n.length)) > 30 ? 2 : 3);

/** Ticks at round steps between min and max (integers when the range is small). */
function roundTicks(min: number, max: number): Tick[] {
  const range = max - min || 1;
  const raw = range / 6;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * p).find((x) => x >= raw) ?? 10 * p;
  const out: Tick[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + 1e-9; v += step) out.push({ at: v, label: fmt(v) });
  return out;
}

export function lineChart(o: {
  title: string;
  xLabel: string;
  yLabel: string;
  series: LineSeries[];
  xTicks?: Tick[];
  yMax?: number;
}): string {
  const all = o.series.flatMap((s) => s.points);
  const xMin = Math.min(0, ...all.map((p) => p[0]));
  const xMax = Math.max(1, ...all.map((p) => p[0]), ...(o.xTicks ?? []).map((t) => t.at));
  const yMax = o.yMax ?? niceMax(Math.max(0, ...all.map((p) => p[1])) * 1.05);
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const sx = (x: number) => M.left + ((x - xMin) / (xMax - xMin || 1)) * pw;
  const sy = (y: number) => M.top + ph - (Math.min(y, yMax) / yMax) * ph;
  const yTicks = Array.from({ length: 6 }, (_, i) => (yMax * i) / 5);
  const xTicks = o.xTicks ?? roundTicks(xMin, xMax);
  const parts: string[] = [];
  parts.push(`<text x="${W / 2}" y="20" text-anchor="middle" font-size="15" font-weight="bold">${esc(o.title)}</text>`);
  for (const t of yTicks)
    parts.push(
      `<line x1="${M.left}" x2="${W - M.right}" y1="${sy(t)}" y2="${sy(t)}" stroke="#e5e5e5"/><text x="${M.left - 6}" y="${sy(t) + 4}" text-anchor="end" font-size="11">${fmt(t)}</text>`,
    );
  for (const t of xTicks)
    parts.push(
      `<line x1="${sx(t.at)}" x2="${sx(t.at)}" y1="${M.top}" y2="${M.top + ph}" stroke="#f0f0f0"/><text x="${sx(t.at)}" y="${M.top + ph + 16}" text-anchor="middle" font-size="11">${esc(t.label)}</text>`,
    );
  parts.push(`<rect x="${M.left}" y="${M.top}" width="${pw}" height="${ph}" fill="none" stroke="#999"/>`);
  parts.push(
    `<text x="${M.left + pw / 2}" y="${M.top + ph + 34}" text-anchor="middle" font-size="12">${esc(o.xLabel)}</text>`,
  );
  const cols = legendCols(o.series.map((x) => x.name));
  parts.push(
    `<text transform="translate(16 ${M.top + ph / 2}) rotate(-90)" text-anchor="middle" font-size="12">${esc(o.yLabel)}</text>`,
  );
  o.series.forEach((s, i) => {
    const color = s.color ?? PALETTE[i % PALETTE.length]!;
    if (s.markersOnly) {
      for (const [x, y] of s.points)
        parts.push(
          `<circle cx="${sx(x).toFixed(1)}" cy="${sy(y).toFixed(1)}" r="4.5" fill="none" stroke="${color}" stroke-width="2"/>`,
        );
    } else if (s.points.length) {
      const d = s.points.map(([x, y], j) => `${j ? 'L' : 'M'}${sx(x).toFixed(1)},${sy(y).toFixed(1)}`).join('');
      parts.push(
        `<path d="${d}" fill="none" stroke="${color}" stroke-width="2.2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`,
      );
    }
  });
  parts.push(
    legend(
      o.series.map((s, i) => ({
        name: s.name,
        color: s.color ?? PALETTE[i % PALETTE.length]!,
        dashed: s.dashed,
        marker: s.markersOnly,
      })),
      cols,
    ),
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H + legendHeight(o.series.length, cols)}" width="100%" style="max-width:${W}px" font-family="sans-serif" role="img" aria-label="${esc(o.title)}">${parts.join('')}</svg>`;
}

export interface BarGroup {
  label: string;
  bars: { name: string; value: number | null; color?: string }[];
}

export function barChart(o: { title: string; yLabel: string; groups: BarGroup[] }): string {
  const names = [...new Set(o.groups.flatMap((g) => g.bars.map((b) => b.name)))];
  const yMax = niceMax(Math.max(0, ...o.groups.flatMap((g) => g.bars.map((b) => b.value ?? 0))) * 1.1);
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const gw = pw / Math.max(1, o.groups.length);
  const bw = Math.min(48, (gw * 0.8) / Math.max(1, names.length));
  const sy = (y: number) => M.top + ph - (y / yMax) * ph;
  const parts: string[] = [
    `<text x="${W / 2}" y="20" text-anchor="middle" font-size="15" font-weight="bold">${esc(o.title)}</text>`,
  ];
  for (let i = 0; i <= 5; i++) {
    const t = (yMax * i) / 5;
    parts.push(
      `<line x1="${M.left}" x2="${W - M.right}" y1="${sy(t)}" y2="${sy(t)}" stroke="#e5e5e5"/><text x="${M.left - 6}" y="${sy(t) + 4}" text-anchor="end" font-size="11">${fmt(t)}</text>`,
    );
  }
  o.groups.forEach((g, gi) => {
    const x0 = M.left + gi * gw + (gw - bw * names.length) / 2;
    g.bars.forEach((b) => {
      const k = names.indexOf(b.name);
      const color = b.color ?? PALETTE[k % PALETTE.length]!;
      if (b.value === null) return;
      const x = x0 + k * bw;
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${sy(b.value).toFixed(1)}" width="${(bw - 3).toFixed(1)}" height="${(M.top + ph - sy(b.value)).toFixed(1)}" fill="${color}"><title>${esc(`${g.label} - ${b.name}: ${b.value}`)}</title></rect>`,
      );
      parts.push(
        `<text x="${(x + bw / 2).toFixed(1)}" y="${(sy(b.value) - 4).toFixed(1)}" text-anchor="middle" font-size="10">${fmt(b.value)}</text>`,
      );
    });
    parts.push(
      `<text x="${(M.left + gi * gw + gw / 2).toFixed(1)}" y="${M.top + ph + 16}" text-anchor="middle" font-size="11">${esc(g.label)}</text>`,
    );
  });
  parts.push(`<rect x="${M.left}" y="${M.top}" width="${pw}" height="${ph}" fill="none" stroke="#999"/>`);
  parts.push(
    `<text transform="translate(16 ${M.top + ph / 2}) rotate(-90)" text-anchor="middle" font-size="12">${esc(o.yLabel)}</text>`,
  );
  const cols = legendCols(names);
  parts.push(
    legend(
      names.map((n, k) => ({ name: n, color: PALETTE[k % PALETTE.length]! })),
      cols,
    ),
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H + legendHeight(names.length, cols)}" width="100%" style="max-width:${W}px" font-family="sans-serif" role="img" aria-label="${esc(o.title)}">${parts.join('')}</svg>`;
}

/** x position of a percentile on the usual HdrHistogram plot: 90 % -> 1, 99 % -> 2, 99.9 % -> 3... */
export const percentileX = (p: number) => (p >= 100 ? 5 : Math.min(5, -Math.log10(1 - p / 100)));
export const PERCENTILE_TICKS: Tick[] = [
  { at: 0, label: '0%' },
  { at: percentileX(50), label: '50%' },
  { at: 1, label: '90%' },
  { at: 2, label: '99%' },
  { at: 3, label: '99.9%' },
  { at: 4, label: '99.99%' },
  { at: 5, label: '99.999%' },
];
