/**
 * Inline SVG charts for the charts a check asked for in its evidence (`evidence.charts`, built with
 * kit/judging/charts.ts): records per partition (ex0, ex2), a response time against the injected latency (ex1),
 * the lag going back to zero (ex3), the delivery outcome and the faults injected while sending (ex9).
 * Pure: chart specs in, SVG text out; every text is escaped here, numbers are formatted for the language.
 * `keys` names the evidence fields a chart says (its `shows`), so the raw data need not repeat them.
 */
import type { ChartEvent, ChartSpec, Lang } from '../model/verdict.js';
import { formatNumber } from './format.js';
import { t, type MessageKey } from './i18n.js';

export interface Chart {
  title: string;
  svg: string;
  keys: string[];
}

const W = 640;
const H = 260;
const M = { left: 64, right: 20, top: 44, bottom: 52 };
const PW = W - M.left - M.right;
const PH = H - M.top - M.bottom;
const COLORS = {
  main: '#0969da',
  pass: '#1a7f37',
  fail: '#cf222e',
  error: '#9a6700',
  muted: '#8c959f',
  ref: '#8250df',
};

const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The charts of one verdict, in the order the check gave them; a spec of an unknown kind or shape is left out. */
export function chartsFor(specs: readonly ChartSpec[] | undefined, lang: Lang): Chart[] {
  if (!Array.isArray(specs)) return [];
  const out: Chart[] = [];
  const L = (k: MessageKey): string => t(lang, k);
  const num = (n: number): string => formatNumber(n, lang);

  for (const spec of specs) {
    const c = one(spec);
    if (c) out.push(c);
  }
  return out;

  function one(spec: ChartSpec): Chart | undefined {
    const keys = Array.isArray(spec?.shows) ? spec.shows.filter((k) => typeof k === 'string') : [];
    switch (spec?.kind) {
      case 'partition-counts': {
        const entries = partitionCounts(spec.counts);
        if (!entries) return undefined;
        const reserved = Array.isArray(spec.reserved) ? spec.reserved.filter(isNum) : [];
        return { ...partitionChart(entries, reserved), keys };
      }
      case 'latency': {
        if (!isNum(spec.responseMs) || !isNum(spec.injectedMs)) return undefined;
        const bars: Bar[] = [
          { label: L('series_response'), value: spec.responseMs, color: COLORS.main },
          { label: L('series_injected'), value: spec.injectedMs, color: COLORS.muted },
        ];
        if (isNum(spec.boundMs)) bars.push({ label: L('series_bound'), value: spec.boundMs, color: COLORS.ref });
        return { ...chart(L('chart_latency'), bars, L('axis_ms'), ''), keys };
      }
      case 'lag': {
        if (![spec.lagAtStart, spec.lagAtEnd, spec.endMs, spec.boundMs].every(isNum)) return undefined;
        return {
          title: L('chart_lag'),
          svg: lagSvg(L('chart_lag'), spec.lagAtStart, spec.endMs, spec.lagAtEnd, spec.boundMs),
          keys,
        };
      }
      case 'delivery': {
        if (!isNum(spec.acked)) return undefined;
        const bars: Bar[] = [
          { label: L('series_acked'), value: spec.acked, color: COLORS.pass },
          { label: L('series_failed'), value: isNum(spec.failed) ? spec.failed : 0, color: COLORS.error },
          { label: L('series_unknown'), value: isNum(spec.unknown) ? spec.unknown : 0, color: COLORS.muted },
        ];
        if (isNum(spec.lost)) bars.push({ label: L('series_lost'), value: spec.lost, color: COLORS.fail });
        if (isNum(spec.duplicates))
          bars.push({ label: L('series_duplicates'), value: spec.duplicates, color: COLORS.ref });
        return { ...chart(L('chart_delivery'), bars, L('axis_records'), ''), keys };
      }
      case 'faults': {
        const events = Array.isArray(spec.events) ? spec.events.filter(isEvent).sort((a, b) => a.atMs - b.atMs) : [];
        if (!events.length) return undefined;
        return { title: L('chart_faults'), svg: timelineSvg(L('chart_faults'), events), keys };
      }
      default:
        return undefined;
    }
  }

  function partitionChart(entries: [number, number][], reserved: number[]): Omit<Chart, 'keys'> {
    const bars = entries.map(([p, v]) => ({
      label: reserved.includes(p) ? `${p} (${L('series_reserved')})` : String(p),
      value: v,
      color: reserved.includes(p) ? COLORS.ref : COLORS.main,
    }));
    return chart(L('chart_partitions'), bars, L('axis_records'), L('axis_partition'));
  }

  function chart(title: string, bars: Bar[], yLabel: string, xLabel: string): Omit<Chart, 'keys'> {
    return { title, svg: barSvg(title, bars, yLabel, xLabel) };
  }

  function barSvg(title: string, bars: Bar[], yLabel: string, xLabel: string): string {
    const top = Math.max(0, ...bars.map((b) => b.value));
    // Room above the tallest bar for its label; whole ticks for small counts.
    const yMax = bars.every((b) => Number.isInteger(b.value)) && top < 4 ? 4 : niceMax(top * 1.1);
    const sy = (v: number): number => M.top + PH - (v / yMax) * PH;
    const slot = PW / Math.max(1, bars.length);
    const bw = Math.min(56, slot * 0.7);
    const parts = [...frame(title, yLabel, xLabel), ...yTicks(yMax, sy)];
    bars.forEach((b, i) => {
      const x = M.left + i * slot + (slot - bw) / 2;
      const y = sy(b.value);
      parts.push(
        `<rect x="${f(x)}" y="${f(y)}" width="${f(bw)}" height="${f(M.top + PH - y)}" fill="${b.color}"><title>${esc(`${b.label}: ${num(b.value)}`)}</title></rect>`,
      );
      parts.push(
        `<text x="${f(x + bw / 2)}" y="${f(y - 4)}" text-anchor="middle" font-size="11">${esc(num(b.value))}</text>`,
      );
      // Many bars: every other label one line lower, so long labels do not run into each other.
      const dy = bars.length > 4 && i % 2 === 1 ? 14 : 0;
      parts.push(
        `<text x="${f(M.left + i * slot + slot / 2)}" y="${M.top + PH + 16 + dy}" text-anchor="middle" font-size="11">${esc(b.label)}</text>`,
      );
    });
    return svg(title, parts);
  }

  function lagSvg(title: string, startLag: number, endMs: number, endLag: number, boundMs: number): string {
    const xMax = Math.max(endMs, boundMs) || 1;
    const yMax = niceMax(Math.max(startLag, endLag, 1) * 1.1);
    const sx = (ms: number): number => M.left + (ms / xMax) * PW;
    const sy = (v: number): number => M.top + PH - (v / yMax) * PH;
    const parts = [
      ...frame(title, t(lang, 'axis_records'), L('axis_time')),
      ...yTicks(yMax, sy),
      ...xTicksSeconds(xMax, sx),
    ];
    parts.push(
      `<line x1="${f(sx(boundMs))}" x2="${f(sx(boundMs))}" y1="${M.top}" y2="${M.top + PH}" stroke="${COLORS.ref}" stroke-dasharray="5 3"><title>${esc(`${L('series_bound')}: ${num(boundMs / 1000)} s`)}</title></line>`,
    );
    parts.push(
      `<text x="${f(sx(boundMs) - 4)}" y="${M.top + 12}" text-anchor="end" font-size="11" fill="${COLORS.ref}">${esc(L('series_bound'))}</text>`,
    );
    parts.push(
      `<polyline points="${f(sx(0))},${f(sy(startLag))} ${f(sx(endMs))},${f(sy(endLag))}" fill="none" stroke="${COLORS.main}" stroke-width="2.5"/>`,
    );
    for (const [x, y] of [
      [0, startLag],
      [endMs, endLag],
    ] as const) {
      parts.push(
        `<circle cx="${f(sx(x))}" cy="${f(sy(y))}" r="4" fill="${COLORS.main}"><title>${esc(`${num(x / 1000)} s: ${num(y)}`)}</title></circle>`,
      );
    }
    return svg(title, parts);
  }

  function timelineSvg(title: string, events: Event[]): string {
    const xMax = niceMax(Math.max(...events.map((e) => e.atMs)) * 1.15);
    const sx = (ms: number): number => M.left + (ms / xMax) * PW;
    const parts = [
      `<text x="${W / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">${esc(title)}</text>`,
    ];
    const axisY = M.top + PH;
    parts.push(`<line x1="${M.left}" x2="${M.left + PW}" y1="${axisY}" y2="${axisY}" stroke="#999"/>`);
    parts.push(...xTicksSeconds(xMax, sx));
    parts.push(
      `<text x="${M.left + PW / 2}" y="${H - 8}" text-anchor="middle" font-size="12">${esc(L('axis_time'))}</text>`,
    );
    events.forEach((e, i) => {
      const x = sx(e.atMs);
      const y = M.top + 14 + (i % 4) * ((PH - 20) / 4);
      const text = `${faultLabel(e.action)}${e.brokers.length ? ` (${L('brokersLabel')} ${e.brokers.join(', ')})` : ''}`;
      parts.push(
        `<line x1="${f(x)}" x2="${f(x)}" y1="${f(y + 4)}" y2="${axisY}" stroke="${COLORS.fail}" stroke-dasharray="4 3"/>`,
      );
      parts.push(`<circle cx="${f(x)}" cy="${axisY}" r="4" fill="${COLORS.fail}"/>`);
      parts.push(`<text x="${f(x + 4)}" y="${f(y)}" font-size="11">${esc(`${num(e.atMs / 1000)} s · ${text}`)}</text>`);
    });
    return svg(title, parts);
  }

  /** kit/faults names an action by its kind (`kill`), a toxic by `<type> <stream> {attributes}`. */
  function faultLabel(action: string): string {
    const kind = action.split(' ')[0]!;
    const known = t(lang, `fault_${kind}` as MessageKey) as string | undefined;
    if (known) return known;
    const toxic = action.match(/^([a-z_]+) (downstream|upstream)\b/);
    return toxic ? `${L('fault_toxic')} ${toxic[1]}` : action;
  }

  function xTicksSeconds(xMax: number, sx: (ms: number) => number): string[] {
    const out: string[] = [];
    for (let i = 0; i <= 5; i++) {
      const ms = (xMax * i) / 5;
      out.push(
        `<text x="${f(sx(ms))}" y="${M.top + PH + 16}" text-anchor="middle" font-size="11">${esc(num(Math.round(ms / 100) / 10))}</text>`,
      );
    }
    return out;
  }

  function yTicks(yMax: number, sy: (v: number) => number): string[] {
    const out: string[] = [];
    const n = [5, 4, 3].find((k) => Number.isInteger(yMax / k)) ?? 4;
    for (let i = 0; i <= n; i++) {
      const v = (yMax * i) / n;
      out.push(`<line x1="${M.left}" x2="${M.left + PW}" y1="${f(sy(v))}" y2="${f(sy(v))}" stroke="#eaeef2"/>`);
      out.push(`<text x="${M.left - 6}" y="${f(sy(v) + 4)}" text-anchor="end" font-size="11">${esc(num(v))}</text>`);
    }
    return out;
  }
}

interface Bar {
  label: string;
  value: number;
  color: string;
}

type Event = ChartEvent;

function frame(title: string, yLabel: string, xLabel: string): string[] {
  const out = [
    `<text x="${W / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">${esc(title)}</text>`,
    `<rect x="${M.left}" y="${M.top}" width="${PW}" height="${PH}" fill="none" stroke="#d0d7de"/>`,
    `<text transform="translate(16 ${M.top + PH / 2}) rotate(-90)" text-anchor="middle" font-size="12">${esc(yLabel)}</text>`,
  ];
  if (xLabel)
    out.push(`<text x="${M.left + PW / 2}" y="${H - 8}" text-anchor="middle" font-size="12">${esc(xLabel)}</text>`);
  return out;
}

function svg(title: string, parts: string[]): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="100%" style="max-width:${W}px" font-family="system-ui, sans-serif" role="img" aria-label="${esc(title)}">${parts.join('')}</svg>`;
}

function niceMax(v: number): number {
  if (!(v > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

function partitionCounts(v: unknown): [number, number][] | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const entries = Object.entries(v as Record<string, unknown>);
  if (!entries.length || !entries.every(([k, n]) => /^\d+$/.test(k) && isNum(n))) return undefined;
  return entries.map(([k, n]) => [Number(k), n as number] as [number, number]).sort((a, b) => a[0] - b[0]);
}

function isNum(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function isEvent(v: unknown): v is Event {
  const e = v as Event;
  return (
    typeof e === 'object' && e !== null && isNum(e.atMs) && typeof e.action === 'string' && Array.isArray(e.brokers)
  );
}

const f = (n: number): string => n.toFixed(1);
