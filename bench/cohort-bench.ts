/**
 * `kgrade bench cohort`: a generated roster (references and mutants, TS and Java, round-robin over each exercise's
 * fixtures) graded once sequentially and once with `--parallel auto` (a stack per session), same base seed; the
 * wall times, their ratio, whether every verdict agrees, and the projection for a 30-student class and for shards
 * on n runners. A roster row is one folder per student, and ex1-ex3 fixtures are separate folders: each exercise
 * is benched on its own roster and the figures add up.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { autoParallelism, runCohort, type CohortRunResult } from '../cohort/run-cohort.js';
import { readRecord } from '../cohort/store.js';
import { exerciseById } from '../graders/registry.js';
import type { PhaseTiming } from '../model/result.js';
import type { ProviderName } from '../stack/stack-types.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');

export interface CohortBenchOptions {
  exercises: string[];
  /** Students per exercise. */
  students: number;
  parallel?: number;
  provider?: ProviderName | 'auto';
  seed?: number;
  /** Class size and runner counts the projection is printed for. */
  classSize?: number;
  shards?: number[];
}

export interface ExerciseFigures {
  exercise: string;
  students: number;
  sequentialMs: number;
  parallelMs: number;
  parallel: number;
  /** Student x check pairs whose verdict differs between the two runs (must be empty). */
  disagreements: string[];
  /** Peak resident memory of the stacks' processes (brokers, Toxiproxy, services) during the parallel run. */
  parallelStacksPeakMiB?: number;
  /** Where a grading's time went in the sequential run: the mean of each phase over its students. */
  phases?: PhaseMeans;
  /** Cores the whole machine kept busy on average during the sequential run (what `cpuCores` declares). */
  sequentialBusyCores?: number;
}

/** Mean milliseconds per phase over some gradings (the checks by id, in order). */
export interface PhaseMeans {
  gradings: number;
  stackMs: number;
  buildMs: number;
  solutionStartsMs: number;
  solutionStarts: number;
  prepareMs: number;
  checks: { id: string; ms: number }[];
  teardownMs: number;
  totalMs: number;
}

/** The mean of each phase over these timings (stack and build overlap: total is the gradings' mean duration). Pure. */
export function phaseMeans(timings: PhaseTiming[], durationsMs: number[]): PhaseMeans | undefined {
  const n = timings.length;
  if (!n) return undefined;
  const mean = (f: (t: PhaseTiming) => number) => Math.round(timings.reduce((a, t) => a + f(t), 0) / n);
  const ids = [...new Set(timings.flatMap((t) => t.checks.map((c) => c.id)))];
  return {
    gradings: n,
    stackMs: mean((t) => t.stackMs),
    buildMs: mean((t) => t.buildMs),
    solutionStartsMs: mean((t) => t.solutionStarts.reduce((a, s) => a + s.ms, 0)),
    solutionStarts: Math.round((timings.reduce((a, t) => a + t.solutionStarts.length, 0) / n) * 10) / 10,
    prepareMs: mean((t) => t.prepareMs),
    checks: ids.map((id) => ({ id, ms: mean((t) => t.checks.find((c) => c.id === id)?.ms ?? 0) })),
    teardownMs: mean((t) => t.teardownMs),
    totalMs: Math.round(durationsMs.reduce((a, d) => a + d, 0) / Math.max(1, durationsMs.length)),
  };
}

/** One line saying where a grading's time goes, the slowest checks first. Pure. */
export function renderPhases(exercise: string, p: PhaseMeans): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const checks = [...p.checks].sort((a, b) => b.ms - a.ms);
  const checkSum = checks.reduce((a, c) => a + c.ms, 0);
  return (
    `${exercise.padEnd(5)} mean grading ${s(p.totalMs)} over ${p.gradings}: stack ${s(p.stackMs)} (beside build ${s(p.buildMs)}), ` +
    `solution starts ${s(p.solutionStartsMs)} (${p.solutionStarts} per grading, inside prepare and checks), prepare ${s(p.prepareMs)}, ` +
    `checks ${s(checkSum)} [${checks.map((c) => `${c.id} ${s(c.ms)}`).join(', ')}], teardown ${s(p.teardownMs)}`
  );
}

/** Fixtures a generated student gets, in order: references first, then mutants (null fixtures never: no student hands in nothing on purpose). */
export function benchFixtures(exercise: string): string[] {
  const dir = path.join(FIXTURES, exercise);
  const names = fs.readdirSync(dir).filter((n) => fs.existsSync(path.join(dir, n, 'expect.json')));
  const refs = names.filter((n) => n.startsWith('reference-')).sort();
  const mutants = names.filter((n) => n.startsWith('mutant-') && !/no-compile/.test(n)).sort();
  return [...refs, ...mutants];
}

/** `students` rows taking the fixtures round-robin, references and mutants interleaved. Pure. */
export function generatedRoster(fixtures: string[], students: number, fixtureDir: (f: string) => string): string {
  const refs = fixtures.filter((f) => f.startsWith('reference-'));
  const mutants = fixtures.filter((f) => !f.startsWith('reference-'));
  const rows = Array.from({ length: students }, (_, i) => {
    const pick = i % 2 === 0 || !mutants.length ? refs[(i >> 1) % refs.length]! : mutants[(i >> 1) % mutants.length]!;
    const id = `s${String(i + 1).padStart(2, '0')}`;
    return `${id},Student ${i + 1} (${pick}),${fixtureDir(pick)}`;
  });
  return ['student_id,display_name,solution', ...rows].join('\n') + '\n';
}

function disagreements(a: CohortRunResult, b: CohortRunResult, exercise: string, ids: string[]): string[] {
  const out: string[] = [];
  for (const id of ids) {
    const x = readRecord(a.outDir, id, exercise)?.result;
    const y = readRecord(b.outDir, id, exercise)?.result;
    if (!x || !y) {
      out.push(`${id}: missing result`);
      continue;
    }
    for (const v of x.verdicts) {
      const w = y.verdicts.find((u) => u.id === v.id);
      if (w?.status !== v.status) out.push(`${id} ${v.id}: ${v.status} sequential ("${v.evidence.summary.en.slice(0, 160)}"), ${w?.status ?? 'none'} parallel ("${w?.evidence.summary.en.slice(0, 160) ?? ''}")`);
    }
  }
  return out;
}

/** Resident memory (MiB) of the processes a native stack runs: Kafka brokers, Toxiproxy, registry, Connect, PostgreSQL. */
function stackRssMiB(): number {
  let kib = 0;
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!/kafka\.Kafka|toxiproxy|SchemaRegistry|apicurio|ConnectDistributed|postgres/i.test(cmd)) continue;
      const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) kib += Number(m[1]);
    } catch {
      /* gone meanwhile */
    }
  }
  return Math.round(kib / 1024);
}

/** Busy and total CPU time of the machine so far (/proc/stat's first line, in clock ticks). */
function cpuTicks(): { busy: number; total: number } | undefined {
  try {
    const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const idle = (f[3] ?? 0) + (f[4] ?? 0);
    const total = f.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return undefined;
  }
}

/** Starts measuring; the returned function gives the mean number of busy cores since (undefined without /proc). */
function busyCoresMeter(cores = os.availableParallelism()): () => number | undefined {
  const start = cpuTicks();
  return () => {
    const end = cpuTicks();
    if (!start || !end || end.total <= start.total) return undefined;
    return Math.round(((end.busy - start.busy) / (end.total - start.total)) * cores * 100) / 100;
  };
}

/** Samples stackRssMiB every 2 s while `work` runs; resolves with the work's value and the peak. */
async function withPeakStackRss<T>(work: Promise<T>): Promise<{ value: T; peakMiB: number }> {
  let peakMiB = 0;
  const sample = () => {
    peakMiB = Math.max(peakMiB, stackRssMiB());
  };
  const timer = setInterval(sample, 2000);
  try {
    const value = await work;
    return { value, peakMiB };
  } finally {
    clearInterval(timer);
  }
}

export async function benchCohort(opts: CohortBenchOptions, log: (line: string) => void = () => undefined): Promise<ExerciseFigures[]> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kgrade-bench-cohort-'));
  const seed = opts.seed ?? 2026;
  const figures: ExerciseFigures[] = [];
  try {
    for (const exercise of opts.exercises) {
      const roster = path.join(work, `${exercise}.csv`);
      fs.writeFileSync(roster, generatedRoster(benchFixtures(exercise), opts.students, (f) => path.join(FIXTURES, exercise, f)));
      const ids = Array.from({ length: opts.students }, (_, i) => `s${String(i + 1).padStart(2, '0')}`);
      const run = (p: number) => runCohort({ rosterPath: roster, exerciseIds: [exercise], outDir: path.join(work, `${exercise}-p${p}`), parallel: p, stacks: 'per-session', seed, lang: 'en', provider: opts.provider ?? 'native', images: 'auto' });
      log(`${exercise}: ${opts.students} students, sequential...`);
      const parallel = opts.parallel ?? autoParallelism(undefined, undefined, exerciseById(exercise).cpuCores);
      const busy = busyCoresMeter();
      const seq = await run(1);
      const sequentialBusyCores = busy();
      log(`${exercise}: sequential ${(seq.wallMs / 1000).toFixed(1)} s; --parallel ${parallel}...`);
      const { value: par, peakMiB } = await withPeakStackRss(run(parallel));
      log(`${exercise}: --parallel ${parallel} ${(par.wallMs / 1000).toFixed(1)} s`);
      const records = ids.map((id) => readRecord(seq.outDir, id, exercise)?.result).filter((r) => r !== undefined);
      const phases = phaseMeans(records.flatMap((r) => (r.timing ? [r.timing] : [])), records.map((r) => r.durationMs));
      figures.push({ exercise, students: opts.students, sequentialMs: seq.wallMs, parallelMs: par.wallMs, parallel, disagreements: disagreements(seq, par, exercise, ids), parallelStacksPeakMiB: peakMiB, ...(phases ? { phases } : {}), ...(sequentialBusyCores !== undefined ? { sequentialBusyCores } : {}) });
    }
  } finally {
    // Kept when a verdict differs: the two runs' records and reports say why.
    if (figures.some((f) => f.disagreements.length)) log(`verdicts differ: both runs kept in ${work}`);
    else fs.rmSync(work, { recursive: true, force: true });
  }
  return figures;
}

/** The figures as printed: per exercise, the total, the class projection and the shards' (linear per student). Pure. */
export function renderCohortBench(figures: ExerciseFigures[], classSize = 30, shards = [1, 2, 3, 5, 10], loadavg = os.loadavg()): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const min = (ms: number) => `${(ms / 60_000).toFixed(1)} min`;
  const lines = figures.map((f) => `${f.exercise.padEnd(5)} ${f.students} students: sequential ${s(f.sequentialMs)}, --parallel ${f.parallel} ${s(f.parallelMs)}, ratio ${(f.sequentialMs / f.parallelMs).toFixed(2)}; verdicts ${f.disagreements.length ? `DIFFER: ${f.disagreements.join('; ')}` : 'identical'}${f.parallelStacksPeakMiB ? `; stacks' peak memory ${f.parallelStacksPeakMiB} MiB for ${f.parallel} (${Math.round(f.parallelStacksPeakMiB / f.parallel)} MiB per stack)` : ''}`);
  const students = new Set(figures.map((f) => f.students));
  if (figures.length > 1 && students.size === 1) {
    const wall = (k: 'sequentialMs' | 'parallelMs') => figures.reduce((n, f) => n + f[k], 0);
    const sessions = new Set(figures.map((f) => f.parallel)).size === 1 ? `--parallel ${figures[0]!.parallel}` : `--parallel auto (${figures.map((f) => `${f.exercise} ${f.parallel}`).join(', ')})`;
    lines.push(`measured ${[...students][0]} students x ${figures.map((f) => f.exercise).join('-')}: sequential ${min(wall('sequentialMs'))}, ${sessions} ${min(wall('parallelMs'))}`);
  }
  const seq = figures.reduce((n, f) => n + f.sequentialMs / f.students, 0);
  const par = figures.reduce((n, f) => n + f.parallelMs / f.students, 0);
  const exercises = figures.map((f) => f.exercise).join('-');
  for (const f of figures) if (f.phases) lines.push(renderPhases(f.exercise, f.phases));
  for (const f of figures) if (f.sequentialBusyCores !== undefined) lines.push(`${f.exercise.padEnd(5)} busy cores during the sequential run: ${f.sequentialBusyCores.toFixed(2)} of ${os.availableParallelism()} (the exercise's cpuCores)`);
  lines.push(`total per student over ${exercises}: sequential ${s(seq)}, parallel ${s(par)}, ratio ${(seq / par).toFixed(2)}`);
  lines.push(`projected ${classSize} students x ${exercises} on this machine: sequential ${min(seq * classSize)}, parallel ${min(par * classSize)}`);
  for (const n of shards) lines.push(`  shards on ${String(n).padStart(2)} runner(s) like this one: ${min(par * Math.ceil(classSize / n))}`);
  lines.push(`load average (1, 5, 15 min) at the end: ${loadavg.map((l) => l.toFixed(2)).join(', ')} on ${os.availableParallelism()} cores`);
  return lines.join('\n') + '\n';
}
