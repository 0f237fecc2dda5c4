import type { BenchCase, BenchResult } from './load-bench.js';
import type { LoadRunResult } from '../loadgen/result.js';
import {
  barChart,
  esc,
  lineChart,
  percentileX,
  PALETTE,
  PERCENTILE_TICKS,
  type LineSeries,
} from '../loadgen/svg-charts.js';

/** Numbers as the tables show them: counts and rates of records are whole, the rest keeps up to 3 decimals. */
const n = (v: number | null | undefined, unit = '') =>
  v == null ? '–' : `${v.toLocaleString('en-US', { maximumFractionDigits: 3 })}${unit}`;
const int = (v: number | null | undefined) => (v == null ? '–' : Math.round(v).toLocaleString('en-US'));
const secs = (ms: number) => `${(Math.round(ms / 100) / 10).toLocaleString('en-US')} s`;

/** A second sample this short a share of its second is too noisy to scale to a rate: it is left out. */
const MIN_PARTIAL_SHARE = 0.2;
/** Marker colours of the perf-test series, apart from the palette the lines use. */
const PERF_TEST_COLORS = ['#000000', '#7f7f7f', '#8c564b', '#bcbd22'];

/** How long a run lasted, warm-up included (the per-second samples count from its start). */
export function runLengthMs(run: LoadRunResult): number {
  return run.workload.warmupSec * 1000 + run.measured.durationMs;
}

/**
 * Per-second samples of a run, each at the middle of the time it covers, as a rate: the last second, when the run ended inside it, is scaled by the share of
 * it the run covered (so the end of a run is not drawn as a collapse), or left out when that share is too small.
 */
export function perSecond(
  run: LoadRunResult,
  value: (s: LoadRunResult['series'][number]) => number | null,
  scale: boolean,
): [number, number][] {
  const endSec = runLengthMs(run) / 1000;
  const out: [number, number][] = [];
  for (const s of run.series) {
    const v = value(s);
    if (v === null) continue;
    const share = Math.min(1, endSec - s.second);
    if (share >= 1) out.push([s.second + 0.5, v]);
    else if (share >= MIN_PARTIAL_SHARE) out.push([s.second + share / 2, scale ? v / share : v]);
  }
  return out;
}

/** A series of one point has no line to draw: it is drawn as a marker. */
const drawable = (s: LineSeries): LineSeries =>
  s.points.length === 1 && !s.markersOnly ? { ...s, markersOnly: true } : s;

/** Closed loop at max rate and, for one driver, acks=1 with a higher p99 than acks=all: say why it is not a paradox. */
export function acksNote(r: BenchResult): string | undefined {
  if (r.workload.rateMsgPerSec !== 'max') return undefined;
  const acksOf = (profile: string) => r.profiles.find((p) => p.name === profile)?.acks;
  const slower: string[] = [];
  for (const driver of new Set(r.cases.map((c) => c.driver))) {
    const p99 = (acks: number) =>
      r.cases.find((c) => c.driver === driver && acksOf(c.profile) === acks)?.ours.medianP99PublishLatencyMs ?? null;
    const one = p99(1);
    const all = p99(-1);
    if (one !== null && all !== null && one > all)
      slower.push(`${driver}: ${n(one)} ms with acks=1, ${n(all)} ms with acks=all`);
  }
  if (!slower.length) return undefined;
  return `acks=1 shows a higher p99 publish latency than acks=all here (${slower.join('; ')}). That does not make acks=1 slower: at max rate the loop is closed and the producer saturated, so publish latency mostly measures how long records wait in the client's queue, which depends on how much the client lets queue (batching, buffer, requests in flight), not on the acknowledgement. To measure what acks costs, compare the profiles at a fixed rate below saturation (rateMsgPerSec, open loop).`;
}

function durationText(r: BenchResult): string {
  const w = r.workload;
  const runs = r.cases.flatMap((c) => c.ours.runs);
  const lengths = runs.map(runLengthMs);
  const planned = `duration ${w.durationSec} s${w.maxRecords ? ` or ${int(w.maxRecords)} records, whichever comes first` : ''}`;
  if (!lengths.length) return planned;
  const lo = Math.min(...lengths);
  const hi = Math.max(...lengths);
  const atCap = w.maxRecords !== undefined && hi < (w.warmupSec + w.durationSec) * 1000 * 0.95;
  return `${planned}; the runs lasted ${lo === hi ? secs(lo) : `${secs(lo)} to ${secs(hi)}`}${atCap ? ' (they ended at the record cap)' : ''}`;
}

/** A self-contained HTML page (inline SVG, no script) for a bench result: tables, then charts. Pure. */
export function renderBenchHtml(r: BenchResult): string {
  const w = r.workload;
  const warm = w.warmupSec > 0;
  const label = (c: BenchCase) => `${c.driver} · ${c.profile}`;
  const curve: LineSeries[] = [];
  r.cases.forEach((c) => {
    const first = c.ours.runs[0];
    const pts = (first?.publishLatency?.curve ?? [])
      .filter((p) => p.percentile < 100)
      .map((p) => [percentileX(p.percentile), p.valueUs / 1000] as [number, number]);
    curve.push({ name: `${label(c)} (publish)`, points: pts });
    const e2e = (first?.endToEndLatency?.curve ?? [])
      .filter((p) => p.percentile < 100)
      .map((p) => [percentileX(p.percentile), p.valueUs / 1000] as [number, number]);
    if (e2e.length) curve.push({ name: `${label(c)} (end-to-end)`, points: e2e, dashed: true });
  });
  const seenPerf = new Set<string>();
  for (const c of r.cases) {
    if (!c.perfTest || seenPerf.has(c.profile)) continue;
    const color = PERF_TEST_COLORS[seenPerf.size % PERF_TEST_COLORS.length]!;
    seenPerf.add(c.profile);
    const p = c.perfTest;
    curve.push({
      name: `perf-test · ${c.profile} (median of runs, from actual send)`,
      markersOnly: true,
      color,
      points: [
        [percentileX(50), p.medianP50LatencyMs],
        [percentileX(99), p.medianP99LatencyMs],
        [percentileX(99.9), p.medianP999LatencyMs],
      ],
    });
  }
  // The same colour for a case in every chart, whatever series a chart leaves out.
  const caseColor = (i: number) => PALETTE[i % PALETTE.length]!;
  const throughputSeries: LineSeries[] = r.cases.map((c, i) =>
    drawable({
      name: label(c),
      color: caseColor(i),
      points: c.ours.runs[0] ? perSecond(c.ours.runs[0], (s) => s.ackedRecords, true) : [],
    }),
  );
  const p99Series: LineSeries[] = r.cases.map((c, i) =>
    drawable({
      name: label(c),
      color: caseColor(i),
      points: c.ours.runs[0]
        ? perSecond(
            c.ours.runs[0],
            (s) => (s.warmup || s.p99PublishLatencyUs === null ? null : s.p99PublishLatencyUs / 1000),
            false,
          )
        : [],
    }),
  );
  const profiles = [...new Set(r.cases.map((c) => c.profile))];
  const drivers = [...new Set(r.cases.map((c) => c.driver))];
  const round = (v: number | null | undefined) => (v == null ? null : Math.round(v));
  const tpGroups = profiles.map((p) => ({
    label: p,
    bars: [
      ...drivers.map((d) => ({
        name: d,
        value: round(r.cases.find((c) => c.profile === p && c.driver === d)?.ours.medianThroughputMsgPerSec),
      })),
      ...(r.cases.some((c) => c.perfTest)
        ? [
            {
              name: 'kafka-producer-perf-test',
              value: round(r.cases.find((c) => c.profile === p)?.perfTest?.medianThroughputMsgPerSec),
            },
          ]
        : []),
    ],
  }));
  const latGroups = profiles.map((p) => ({
    label: p,
    bars: drivers.map((d) => ({
      name: d,
      value: r.cases.find((c) => c.profile === p && c.driver === d)?.ours.medianP99PublishLatencyMs ?? null,
    })),
  }));
  const rows = r.cases
    .map(
      (c) =>
        `<tr><td>${esc(c.driver)}</td><td>${esc(c.profile)}</td><td>${int(c.ours.medianThroughputMsgPerSec)}</td><td>${n(c.ours.medianThroughputMiBPerSec == null ? null : Math.round(c.ours.medianThroughputMiBPerSec * 100) / 100)}</td><td>${n(c.ours.medianP50PublishLatencyMs)}</td><td>${n(c.ours.medianP99PublishLatencyMs)}</td><td>${n(c.ours.medianP99EndToEndLatencyMs)}</td><td>${n(c.ours.runs[0]?.measured.meanRecordsPerRequest == null ? null : Math.round(c.ours.runs[0].measured.meanRecordsPerRequest * 10) / 10)}</td><td>${int(c.perfTest?.medianThroughputMsgPerSec)}</td><td>${n(c.perfTest?.medianP50LatencyMs)} / ${n(c.perfTest?.medianP99LatencyMs)}</td><td><b>${n(c.throughputRatioOursOverPerfTest)}</b></td><td>${c.histogramsOff ? `${c.histogramsOff.histogramOverheadPct} %` : '–'}</td></tr>`,
    )
    .join('\n');
  const firstRun =
    r.repeat > 1
      ? `<p class="note">The percentile chart shows the first of the ${r.repeat} runs of each case, while the table and the bar charts give medians over the ${r.repeat} runs: the two can differ. perf-test's markers are its medians.</p>`
      : '';
  const acks = acksNote(r);
  const partialNote =
    'Over-time charts: one point per second of the run, in the middle of that second; when a run ended inside its last second, that second is scaled to a rate over the part it covered (left out under a fifth of a second); a run shorter than a second is a single marker.';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>kgrade bench ${esc(w.name)}</title>
<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}table{border-collapse:collapse;font-size:14px}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}th{background:#f4f4f4}td:nth-child(-n+2){text-align:left}.charts{display:grid;grid-template-columns:1fr;gap:1.5em}.note{color:#555;font-size:13px}.why{background:#fff8c5;border-left:4px solid #9a6700;padding:6px 10px;font-size:14px}</style>
</head><body>
<h1>Load test: ${esc(w.name)}</h1>
<p>${esc(w.description)}</p>
<p class="note">${w.topics} topic(s) × ${w.partitionsPerTopic} partition(s); payload ${w.payload.kind === 'random-bytes' ? `${w.payload.sizeBytes} B random letters` : 'course news JSON records'}; rate ${w.rateMsgPerSec === 'max' ? 'max (closed loop)' : `${int(w.rateMsgPerSec)} records/s (open loop)`}; ${warm ? `warm-up ${w.warmupSec} s` : 'no warm-up'}; ${esc(durationText(r))}. ${r.repeat} run(s) per case, medians. Started ${esc(r.startedAt)}; Node ${esc(r.environment.node)}, ${r.environment.cpus} CPU(s), load average ${r.environment.loadAverage1m} at start.${r.provider ? ` Broker started by the ${esc(r.provider)} provider.` : ''}</p>
<table><thead><tr><th>driver</th><th>profile</th><th>records/s</th><th>MiB/s</th><th>p50 ms</th><th>p99 ms</th><th>e2e p99 ms</th><th>records/request</th><th>perf-test records/s</th><th>perf-test p50/p99 ms</th><th>ours/perf-test</th><th>histogram cost</th></tr></thead><tbody>
${rows}
</tbody></table>
${acks ? `<p class="why">${esc(acks)}</p>` : ''}
<ul class="note">${r.notes.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>
<div class="charts">
${barChart({ title: 'Throughput by profile (median)', yLabel: 'records/s', groups: tpGroups })}
${barChart({ title: 'p99 publish latency by profile (median)', yLabel: 'ms', groups: latGroups })}
${firstRun}${lineChart({ title: r.repeat > 1 ? 'Latency by percentile (first run of each case)' : 'Latency by percentile', xLabel: 'percentile', yLabel: 'latency (ms)', series: curve, xTicks: PERCENTILE_TICKS })}
${lineChart({ title: 'Throughput over time (first run)', xLabel: warm ? 'second of the run (warm-up included)' : 'second of the run', yLabel: 'acknowledged records/s', series: throughputSeries })}
${lineChart({ title: `p99 publish latency over time (first run${warm ? ', after warm-up' : ''})`, xLabel: 'second of the run', yLabel: 'p99 latency (ms)', series: p99Series })}
</div>
<p class="note">${partialNote}</p>
<p class="note">Latency: ${r.cases[0]?.ours.runs[0]?.latencyOrigin === 'intended-send-time' ? "from each record's intended send time (open loop, coordinated omission accounted for once, at the source)." : 'from the actual send call (closed loop), like kafka-producer-perf-test.'}</p>
</body></html>
`;
}
