import type { BenchResult } from './load-bench.js';
import { barChart, esc, lineChart, percentileX, PERCENTILE_TICKS, type LineSeries } from '../loadgen/svg-charts.js';

const n = (v: number | null | undefined, unit = '') => (v == null ? '–' : `${v.toLocaleString('en-US')}${unit}`);

/** A self-contained HTML page (inline SVG, no script) for a bench result: tables, then charts. Pure. */
export function renderBenchHtml(r: BenchResult): string {
  const label = (c: BenchResult['cases'][number]) => `${c.driver} · ${c.profile}`;
  const curve: LineSeries[] = [];
  r.cases.forEach((c) => {
    const first = c.ours.runs[0];
    const pts = (first?.publishLatency?.curve ?? []).filter((p) => p.percentile < 100).map((p) => [percentileX(p.percentile), p.valueUs / 1000] as [number, number]);
    curve.push({ name: `${label(c)} (publish)`, points: pts });
    const e2e = (first?.endToEndLatency?.curve ?? []).filter((p) => p.percentile < 100).map((p) => [percentileX(p.percentile), p.valueUs / 1000] as [number, number]);
    if (e2e.length) curve.push({ name: `${label(c)} (end-to-end)`, points: e2e, dashed: true });
  });
  const seenPerf = new Set<string>();
  for (const c of r.cases) {
    if (!c.perfTest || seenPerf.has(c.profile)) continue;
    seenPerf.add(c.profile);
    const p = c.perfTest;
    curve.push({ name: `perf-test · ${c.profile} (from actual send)`, markersOnly: true, color: '#000', points: [[percentileX(50), p.medianP50LatencyMs], [percentileX(99), p.medianP99LatencyMs], [percentileX(99.9), p.medianP999LatencyMs]] });
  }
  const throughputSeries: LineSeries[] = r.cases.map((c) => ({ name: label(c), points: (c.ours.runs[0]?.series ?? []).map((s) => [s.second, s.ackedRecords] as [number, number]) }));
  const p99Series: LineSeries[] = r.cases.map((c) => ({ name: label(c), points: (c.ours.runs[0]?.series ?? []).filter((s) => s.p99PublishLatencyUs !== null).map((s) => [s.second, s.p99PublishLatencyUs! / 1000] as [number, number]) }));
  const profiles = [...new Set(r.cases.map((c) => c.profile))];
  const drivers = [...new Set(r.cases.map((c) => c.driver))];
  const tpGroups = profiles.map((p) => ({
    label: p,
    bars: [
      ...drivers.map((d) => ({ name: d, value: r.cases.find((c) => c.profile === p && c.driver === d)?.ours.medianThroughputMsgPerSec ?? null })),
      ...(r.cases.some((c) => c.perfTest) ? [{ name: 'kafka-producer-perf-test', value: r.cases.find((c) => c.profile === p)?.perfTest?.medianThroughputMsgPerSec ?? null }] : []),
    ],
  }));
  const latGroups = profiles.map((p) => ({ label: p, bars: drivers.map((d) => ({ name: d, value: r.cases.find((c) => c.profile === p && c.driver === d)?.ours.medianP99PublishLatencyMs ?? null })) }));
  const rows = r.cases
    .map(
      (c) => `<tr><td>${esc(c.driver)}</td><td>${esc(c.profile)}</td><td>${n(c.ours.medianThroughputMsgPerSec)}</td><td>${n(c.ours.medianThroughputMiBPerSec)}</td><td>${n(c.ours.medianP50PublishLatencyMs)}</td><td>${n(c.ours.medianP99PublishLatencyMs)}</td><td>${n(c.ours.medianP99EndToEndLatencyMs)}</td><td>${n(c.ours.runs[0]?.measured.meanRecordsPerRequest)}</td><td>${n(c.perfTest?.medianThroughputMsgPerSec)}</td><td>${n(c.perfTest?.medianP50LatencyMs)} / ${n(c.perfTest?.medianP99LatencyMs)}</td><td><b>${n(c.throughputRatioOursOverPerfTest)}</b></td><td>${c.histogramsOff ? `${c.histogramsOff.histogramOverheadPct} %` : '–'}</td></tr>`,
    )
    .join('\n');
  const w = r.workload;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>kgrade bench ${esc(w.name)}</title>
<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}table{border-collapse:collapse;font-size:14px}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}th{background:#f4f4f4}td:nth-child(-n+2){text-align:left}.charts{display:grid;grid-template-columns:1fr;gap:1.5em}.note{color:#555;font-size:13px}</style>
</head><body>
<h1>Load test: ${esc(w.name)}</h1>
<p>${esc(w.description)}</p>
<p class="note">${w.topics} topic(s) × ${w.partitionsPerTopic} partition(s); payload ${w.payload.kind === 'random-bytes' ? `${w.payload.sizeBytes} B random letters` : 'course news JSON records'}; rate ${w.rateMsgPerSec === 'max' ? 'max (closed loop)' : `${w.rateMsgPerSec} records/s (open loop)`}; warm-up ${w.warmupSec} s; duration ${w.durationSec} s${w.maxRecords ? `, at most ${w.maxRecords} records` : ''}. ${r.repeat} run(s) per case, medians. Started ${esc(r.startedAt)}; Node ${esc(r.environment.node)}, ${r.environment.cpus} CPU(s), load average ${r.environment.loadAverage1m} at start.</p>
<table><thead><tr><th>driver</th><th>profile</th><th>records/s</th><th>MiB/s</th><th>p50 ms</th><th>p99 ms</th><th>e2e p99 ms</th><th>records/request</th><th>perf-test records/s</th><th>perf-test p50/p99 ms</th><th>ours/perf-test</th><th>histogram cost</th></tr></thead><tbody>
${rows}
</tbody></table>
<ul class="note">${r.notes.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>
<div class="charts">
${barChart({ title: 'Throughput by profile (median)', yLabel: 'records/s', groups: tpGroups })}
${barChart({ title: 'p99 publish latency by profile (median)', yLabel: 'ms', groups: latGroups })}
${lineChart({ title: 'Latency by percentile (first run of each case)', xLabel: 'percentile', yLabel: 'latency (ms)', series: curve, xTicks: PERCENTILE_TICKS })}
${lineChart({ title: 'Throughput over time (first run)', xLabel: 'second of the run (warm-up included)', yLabel: 'acknowledged records/s', series: throughputSeries })}
${lineChart({ title: 'p99 publish latency over time (first run, after warm-up)', xLabel: 'second of the run', yLabel: 'p99 latency (ms)', series: p99Series })}
</div>
<p class="note">Latency: ${r.cases[0]?.ours.runs[0]?.latencyOrigin === 'intended-send-time' ? 'from each record\'s intended send time (open loop, coordinated omission accounted for once, at the source).' : 'from the actual send call (closed loop), like kafka-producer-perf-test.'}</p>
</body></html>
`;
}
