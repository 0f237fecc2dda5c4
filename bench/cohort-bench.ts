/**
 * `kgrade bench cohort`: a generated roster (references and mutants, TS and Java, round-robin over each exercise's
 * fixtures, one column per exercise as a class with a repository per assignment hands it in) graded by one cohort
 * run over all the exercises, once sequentially and once with `--parallel auto` (a stack per session), same base
 * seed: the command a trainer runs the evening after the lab. Printed: both wall times, their ratio, whether every
 * verdict agrees, each exercise's share of the sequential run (its gradings' time, busy cores, phases), and the
 * projection for a 30-student class and for shards on n runners.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ProgressEvent } from '../cohort/cohort-options.js';
import { sessionLimits } from '../cohort/parallelism.js';
import { runCohort, type CohortRunResult } from '../cohort/run-cohort.js';
import { readRecord } from '../cohort/store.js';
import { exerciseById } from '../graders/registry.js';
import type { PhaseTiming } from '../model/result.js';
import type { ProviderName } from '../stack/stack-types.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');

export interface CohortBenchOptions {
  exercises: string[];
  /** Students in the generated roster (each graded on every exercise). */
  students: number;
  /** Sessions of the parallel run (default: auto, resolved per exercise). */
  parallel?: number;
  provider?: ProviderName | 'auto';
  seed?: number;
}

/** One exercise's share of the bench. */
export interface ExerciseFigures {
  exercise: string;
  /** Its gradings' wall time in the sequential run (first start to result written, retries included). */
  sequentialMs: number;
  /** Sessions that may grade it at once in the parallel run. */
  sessions: number;
  /** Student x check pairs whose verdict differs between the two runs (must be empty). */
  disagreements: string[];
  /** Where a grading's time went in the sequential run: the mean of each phase over its students. */
  phases?: PhaseMeans;
  /**
   * Cores this run's own processes (the bench, its stacks, the solutions and their builds) kept busy on average
   * during its gradings in the sequential run (its `cpuCores`): other work on the machine is not counted.
   */
  sequentialBusyCores?: number;
  /** The same over the whole machine (what else ran there counted too): shown beside it, never used. */
  machineBusyCores?: number;
  /** What the exercise declares (`cpuCores`), which `--parallel auto` sizes its sessions from. */
  declaredCpuCores?: number;
  /** A grading's mean duration in each run: how much concurrent sessions slow each one down. */
  meanGradingMs?: { sequential: number; parallel: number };
  /** The time the exercise's own constants impose on a grading (its `floor()`, model/floor.ts). */
  floor?: { ms: number; specMs: number; windowMs: number };
}

/** The floor line of an exercise: the measured mean grading beside its floor, their ratio and the gap. Pure. */
export function floorLine(e: ExerciseFigures, students: number): string | undefined {
  if (!e.floor) return undefined;
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const mean = e.meanGradingMs?.sequential ?? e.sequentialMs / Math.max(1, students);
  const ratio = e.floor.ms > 0 ? `x${(mean / e.floor.ms).toFixed(2)} the floor` : 'no floor';
  if (mean < e.floor.ms)
    return `${e.exercise.padEnd(5)} floor ${s(e.floor.ms)}; mean grading ${s(mean)} alone is BELOW it: its gradings stopped early (not gradable, or a solution failing fast), read their results before the ratio`;
  return `${e.exercise.padEnd(5)} floor ${s(e.floor.ms)} (spec ${s(e.floor.specMs)} + check windows ${s(e.floor.windowMs)}); mean grading ${s(mean)} alone: ${ratio}, ${s(mean - e.floor.ms)} above it`;
}

/** Beyond this relative gap between measured and declared busy cores, the bench says to update the declaration. */
export const CPU_CORES_DRIFT = 0.3;

/**
 * Cores other processes may keep busy during an exercise's gradings before its figure says nothing: they slow its
 * gradings down, which lowers its own busy cores (on a machine saturated by others, ex3 read 0.07 instead of ~0.45).
 */
export const OTHER_LOAD_TOLERANCE = 0.25;

/**
 * One line per exercise whose measured busy cores drift from its declared `cpuCores`, or, when other processes
 * kept the machine busy meanwhile, one line saying the figure cannot be used. Pure.
 */
export function cpuCoresDrift(exercises: ExerciseFigures[], tolerance = CPU_CORES_DRIFT): string[] {
  return exercises.flatMap((e) => {
    if (e.sequentialBusyCores === undefined || e.declaredCpuCores === undefined) return [];
    const others = e.machineBusyCores !== undefined ? e.machineBusyCores - e.sequentialBusyCores : 0;
    if (others > OTHER_LOAD_TOLERANCE)
      return [
        `${e.exercise}: its measured ${e.sequentialBusyCores.toFixed(2)} busy cores cannot be compared with its cpuCores ${e.declaredCpuCores}: other processes kept ${others.toFixed(2)} cores busy during its gradings (bench again on a quiet machine)`,
      ];
    const gap = Math.abs(e.sequentialBusyCores - e.declaredCpuCores) / e.declaredCpuCores;
    return gap > tolerance
      ? [
          `${e.exercise} declares cpuCores ${e.declaredCpuCores} but measured ${e.sequentialBusyCores.toFixed(2)} (${Math.round(gap * 100)} % apart): set it in graders/${e.exercise}/${e.exercise}.ts, --parallel auto sizes its sessions from it`,
        ]
      : [];
  });
}

export interface CohortBenchFigures {
  students: number;
  exercises: ExerciseFigures[];
  sequentialMs: number;
  parallelMs: number;
  /** Concurrent sessions of the parallel run. */
  parallelSessions: number;
  /** Stacks the parallel run started (each session starts one per distinct stack its exercises ask for). */
  parallelStacks?: number;
  /** Peak resident memory of the stacks' processes (brokers, Toxiproxy, services) during the parallel run. */
  parallelStacksPeakMiB?: number;
  /** Cores the bench's own processes (stacks, solutions, builds included) kept busy on average during each run. */
  sequentialBusyCores?: number;
  parallelBusyCores?: number;
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

/**
 * `students` rows, a column per exercise, each taking that exercise's fixtures round-robin, references and mutants
 * interleaved. Pure.
 */
export function generatedRoster(
  fixtures: Record<string, string[]>,
  students: number,
  fixtureDir: (exercise: string, f: string) => string,
): string {
  const exercises = Object.keys(fixtures);
  const pick = (list: string[], i: number) => {
    const refs = list.filter((f) => f.startsWith('reference-'));
    const mutants = list.filter((f) => !f.startsWith('reference-'));
    return i % 2 === 0 || !mutants.length ? refs[(i >> 1) % refs.length]! : mutants[(i >> 1) % mutants.length]!;
  };
  const rows = Array.from({ length: students }, (_, i) => {
    const id = `s${String(i + 1).padStart(2, '0')}`;
    const picks = exercises.map((ex) => pick(fixtures[ex]!, i));
    const name = `Student ${i + 1} (${picks.join(' ')})`;
    return [id, name, ...exercises.map((ex, k) => fixtureDir(ex, picks[k]!))].join(',');
  });
  return [['student_id', 'display_name', ...exercises].join(','), ...rows].join('\n') + '\n';
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
      if (w?.status !== v.status)
        out.push(
          `${id} ${v.id}: ${v.status} sequential ("${v.evidence.summary.en.slice(0, 160)}"), ${w?.status ?? 'none'} parallel ("${w?.evidence.summary.en.slice(0, 160) ?? ''}")`,
        );
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

/**
 * CPU time so far (clock ticks): the machine's busy and total (/proc/stat's first line, every core) and this
 * process tree's (`own`: see ownCpuTicks).
 */
function cpuTicks(): { busy: number; total: number; own: number } | undefined {
  try {
    const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const idle = (f[3] ?? 0) + (f[4] ?? 0);
    const total = f.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busy: total - idle, total, own: ownCpuTicks() };
  } catch {
    return undefined;
  }
}

/** A /proc/<pid>/stat line's parent pid and CPU ticks (utime + stime + cutime + cstime: its own and its reaped children's). Pure. */
export function parseProcStat(line: string): { ppid: number; ticks: number } | undefined {
  const f = line.slice(line.lastIndexOf(')') + 2).split(' ');
  const n = (i: number) => Number(f[i]);
  if (f.length < 15 || [1, 11, 12, 13, 14].some((i) => !Number.isFinite(n(i)))) return undefined;
  return { ppid: n(1), ticks: n(11) + n(12) + n(13) + n(14) };
}

/**
 * CPU ticks of this process and its live descendants, each with its reaped children's (so a solution, a build or
 * a broker that ended is still counted, once its parent waited for it). What ran beside the bench is not.
 */
function ownCpuTicks(): number {
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const s = parseProcStat(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
      if (s) stats.set(Number(pid), s);
    } catch {
      /* gone meanwhile */
    }
  }
  const children = new Map<number, number[]>();
  for (const [pid, s] of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), pid]);
  let ticks = 0;
  const todo = [process.pid];
  while (todo.length) {
    const pid = todo.pop()!;
    ticks += stats.get(pid)?.ticks ?? 0;
    todo.push(...(children.get(pid) ?? []));
  }
  return ticks;
}

/** Starts measuring; the returned function gives the mean number of busy cores since (undefined without /proc). */
function busyCoresMeter(cores = os.availableParallelism()): () => number | undefined {
  const start = cpuTicks();
  return () => {
    const end = cpuTicks();
    if (!start || !end || end.total <= start.total) return undefined;
    return Math.round(((end.own - start.own) / (end.total - start.total)) * cores * 100) / 100;
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

/** Per exercise, the wall time and CPU ticks of its gradings in a run that grades one job at a time. */
function perExerciseMeter(): {
  onProgress: (e: ProgressEvent) => void;
  ms: Map<string, number>;
  busyCores: (exercise: string) => number | undefined;
  machineBusyCores: (exercise: string) => number | undefined;
} {
  const ms = new Map<string, number>();
  type Ticks = { busy: number; total: number; own: number };
  const ticks = new Map<string, Ticks>();
  const started = new Map<string, { at: number; ticks?: Ticks }>();
  const key = (j: { studentId: string; exerciseId: string }) => `${j.studentId}/${j.exerciseId}`;
  const onProgress = (e: ProgressEvent) => {
    if (e.type === 'job-start' && !started.has(key(e.job)))
      started.set(key(e.job), { at: performance.now(), ticks: cpuTicks() });
    if (e.type !== 'job-done') return;
    const s = started.get(key(e.job));
    if (!s) return;
    const ex = e.job.exerciseId;
    ms.set(ex, (ms.get(ex) ?? 0) + performance.now() - s.at);
    const end = cpuTicks();
    if (s.ticks && end) {
      const t = ticks.get(ex) ?? { busy: 0, total: 0, own: 0 };
      ticks.set(ex, {
        busy: t.busy + end.busy - s.ticks.busy,
        total: t.total + end.total - s.ticks.total,
        own: t.own + end.own - s.ticks.own,
      });
    }
  };
  const cores = (exercise: string, of: 'own' | 'busy') => {
    const t = ticks.get(exercise);
    return t && t.total > 0 ? Math.round((t[of] / t.total) * os.availableParallelism() * 100) / 100 : undefined;
  };
  return {
    onProgress,
    ms,
    busyCores: (exercise) => cores(exercise, 'own'),
    machineBusyCores: (exercise) => cores(exercise, 'busy'),
  };
}

export async function benchCohort(
  opts: CohortBenchOptions,
  log: (line: string) => void = () => undefined,
): Promise<CohortBenchFigures> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kgrade-bench-cohort-'));
  const seed = opts.seed ?? 2026;
  const roster = path.join(work, 'roster.csv');
  fs.writeFileSync(
    roster,
    generatedRoster(Object.fromEntries(opts.exercises.map((ex) => [ex, benchFixtures(ex)])), opts.students, (ex, f) =>
      path.join(FIXTURES, ex, f),
    ),
  );
  const ids = Array.from({ length: opts.students }, (_, i) => `s${String(i + 1).padStart(2, '0')}`);
  const parallel = opts.parallel ?? 'auto';
  const run = (p: number | 'auto', onProgress?: (e: ProgressEvent) => void) =>
    runCohort({
      rosterPath: roster,
      exerciseIds: opts.exercises,
      outDir: path.join(work, `p${p}`),
      parallel: p,
      stacks: 'per-session',
      seed,
      lang: 'en',
      provider: opts.provider ?? 'native',
      images: 'auto',
      ...(onProgress ? { onProgress } : {}),
    });
  const limits = sessionLimits(parallel, opts.exercises.map(exerciseById));
  let figures: CohortBenchFigures | undefined;
  try {
    log(`${opts.students} students x ${opts.exercises.join('-')}, sequential...`);
    const meter = perExerciseMeter();
    const busySeq = busyCoresMeter();
    const seq = await run(1, meter.onProgress);
    const sequentialBusyCores = busySeq();
    log(
      `sequential ${(seq.wallMs / 60_000).toFixed(1)} min; --parallel ${parallel} (${[...limits].map(([e, n]) => `${e} ${n}`).join(', ')} sessions)...`,
    );
    const busyPar = busyCoresMeter();
    const { value: par, peakMiB } = await withPeakStackRss(run(parallel));
    const parallelBusyCores = busyPar();
    log(`--parallel ${parallel} ${(par.wallMs / 60_000).toFixed(1)} min`);
    const exercises = opts.exercises.map((exercise): ExerciseFigures => {
      const records = ids.map((id) => readRecord(seq.outDir, id, exercise)?.result).filter((r) => r !== undefined);
      const phases = phaseMeans(
        records.flatMap((r) => (r.timing ? [r.timing] : [])),
        records.map((r) => r.durationMs),
      );
      const busy = meter.busyCores(exercise);
      const machine = meter.machineBusyCores(exercise);
      const declared = exerciseById(exercise).cpuCores;
      const floor = exerciseById(exercise).floor?.();
      const parRecords = ids.map((id) => readRecord(par.outDir, id, exercise)?.result).filter((r) => r !== undefined);
      const mean = (rs: { durationMs: number }[]) => Math.round(rs.reduce((a, r) => a + r.durationMs, 0) / rs.length);
      const meanGradingMs =
        records.length && parRecords.length ? { sequential: mean(records), parallel: mean(parRecords) } : undefined;
      return {
        exercise,
        sequentialMs: Math.round(meter.ms.get(exercise) ?? 0),
        sessions: limits.get(exercise) ?? 1,
        disagreements: disagreements(seq, par, exercise, ids),
        ...(phases ? { phases } : {}),
        ...(busy !== undefined ? { sequentialBusyCores: busy } : {}),
        ...(machine !== undefined ? { machineBusyCores: machine } : {}),
        ...(declared !== undefined ? { declaredCpuCores: declared } : {}),
        ...(meanGradingMs ? { meanGradingMs } : {}),
        ...(floor ? { floor: { ms: floor.ms, specMs: floor.specMs, windowMs: floor.windowMs } } : {}),
      };
    });
    figures = {
      students: opts.students,
      exercises,
      sequentialMs: seq.wallMs,
      parallelMs: par.wallMs,
      parallelSessions: Math.max(...limits.values()),
      parallelStacksPeakMiB: peakMiB,
      parallelStacks: par.stack.starts,
      ...(sequentialBusyCores !== undefined ? { sequentialBusyCores } : {}),
      ...(parallelBusyCores !== undefined ? { parallelBusyCores } : {}),
    };
    return figures;
  } finally {
    // Kept when a verdict differs: the two runs' records and reports say why.
    if (figures?.exercises.some((f) => f.disagreements.length)) log(`verdicts differ: both runs kept in ${work}`);
    else fs.rmSync(work, { recursive: true, force: true });
  }
}

/** The figures as printed: the class's wall times, each exercise's share, the class projection and the shards'. Pure. */
export function renderCohortBench(
  f: CohortBenchFigures,
  classSize = 30,
  shards = [1, 2, 3, 5, 10],
  loadavg = os.loadavg(),
  cores = os.availableParallelism(),
): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const min = (ms: number) => `${(ms / 60_000).toFixed(1)} min`;
  const exercises = f.exercises.map((e) => e.exercise).join('-');
  const differ = f.exercises.flatMap((e) => e.disagreements.map((d) => `${e.exercise} ${d}`));
  const sessions =
    new Set(f.exercises.map((e) => e.sessions)).size === 1
      ? `--parallel ${f.exercises[0]?.sessions ?? 1}`
      : `--parallel auto (${f.exercises.map((e) => `${e.exercise} ${e.sessions}`).join(', ')} sessions)`;
  const busy = (c?: number) => (c === undefined ? '' : `, ${c.toFixed(2)} busy cores of ${cores}`);
  const lines = [
    `measured ${f.students} students x ${exercises} in one cohort run: sequential ${min(f.sequentialMs)}${busy(f.sequentialBusyCores)}; ${sessions} ${min(f.parallelMs)}${busy(f.parallelBusyCores)}; ratio ${(f.sequentialMs / f.parallelMs).toFixed(2)}`,
    `verdicts: ${differ.length ? `DIFFER: ${differ.join('; ')}` : `identical (${f.students * f.exercises.length} gradings)`}`,
  ];
  if (f.parallelStacksPeakMiB)
    lines.push(
      `stacks' peak memory in the parallel run: ${f.parallelStacksPeakMiB} MiB for ${f.parallelSessions} sessions${f.parallelStacks ? ` on ${f.parallelStacks} stacks` : ''} (${Math.round(f.parallelStacksPeakMiB / f.parallelSessions)} MiB per session)`,
    );
  for (const e of f.exercises)
    lines.push(
      `${e.exercise.padEnd(5)} sequential: ${s(e.sequentialMs)} for ${f.students} (${s(e.sequentialMs / f.students)} a grading)${e.sequentialBusyCores !== undefined ? `, ${e.sequentialBusyCores.toFixed(2)} busy cores (the exercise's cpuCores${e.machineBusyCores !== undefined ? `; the whole machine: ${e.machineBusyCores.toFixed(2)}` : ''})` : ''}; ${e.sessions} session(s) in the parallel run`,
    );
  for (const e of f.exercises) {
    const m = e.meanGradingMs;
    if (m)
      lines.push(
        `${e.exercise.padEnd(5)} a grading: ${s(m.sequential)} alone, ${s(m.parallel)} beside the other sessions (x${(m.parallel / m.sequential).toFixed(2)})`,
      );
  }
  for (const e of f.exercises) if (e.phases) lines.push(renderPhases(e.exercise, e.phases));
  for (const e of f.exercises) {
    const line = floorLine(e, f.students);
    if (line) lines.push(line);
  }
  for (const d of cpuCoresDrift(f.exercises)) lines.push(`DRIFT: ${d}`);
  const seq = f.sequentialMs / f.students;
  const par = f.parallelMs / f.students;
  lines.push(`per student over ${exercises}: sequential ${s(seq)}, parallel ${s(par)}`);
  lines.push(
    `projected ${classSize} students x ${exercises} on this machine: sequential ${min(seq * classSize)}, parallel ${min(par * classSize)}`,
  );
  for (const n of shards)
    lines.push(`  shards on ${String(n).padStart(2)} runner(s) like this one: ${min(par * Math.ceil(classSize / n))}`);
  lines.push(
    `load average (1, 5, 15 min) at the end: ${loadavg.map((l) => l.toFixed(2)).join(', ')} on ${cores} cores`,
  );
  return lines.join('\n') + '\n';
}
