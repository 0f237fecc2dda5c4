/**
 * Fault schedules as files (scenarios/faults/*.yaml): what is cut, delayed, killed, and when, readable and
 * writable by a trainer without TypeScript. A file compiles to a `FaultScenario` whose steps are drawn from the
 * run's seed, so a grading replays with `--seed`.
 *
 *   name: leader-kill
 *   description: the partition leader is killed (SIGKILL) mid-stream, then restarted
 *   start: { atMs: 700, jitterMs: 800 }      # optional: one offset drawn from the seed, added to every step
 *   steps:
 *     - { atMs: 0, do: kill, on: leader }     # leader | all | { followers: N } | { broker: ID }
 *     - { atMs: 6000, do: heal }
 *
 * `leader` and `followers` are those of the partition the schedule is run on (the check's, or `kgrade scenario
 * run --partition`), resolved when the step runs: leadership moves during a scenario.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GraderError } from '../../core/errors.js';
import type { Rng } from '../../core/rng.js';
import { readYamlFile } from '../../core/yaml-file.js';
import type { ToxicSpec, ToxicType } from '../../stack/stack-types.js';
import type { FaultAction, FaultScenario, ScenarioStep, Target } from './fault-types.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The fault schedules kgrade ships (graders and `kgrade scenario` read them). */
export const FAULTS_DIR = path.join(here, '..', '..', 'scenarios', 'faults');

/** Actions played on Toxiproxy's proxies: a stack without Toxiproxy cannot run them. */
export const PROXY_ACTIONS = ['toxic', 'clear', 'link-down', 'link-up', 'replication-down', 'replication-up'] as const;
const ACTIONS = [...PROXY_ACTIONS, 'kill', 'stop', 'start', 'pause', 'resume', 'heal'] as const;
type ActionName = (typeof ACTIONS)[number];
/** Actions on broker processes (not only their proxies): the stack must give the grader broker control. */
const BROKER_CONTROL: readonly ActionName[] = [
  'kill',
  'stop',
  'start',
  'pause',
  'resume',
  'replication-down',
  'replication-up',
];
const TOXICS: readonly ToxicType[] = [
  'latency',
  'bandwidth',
  'slow_close',
  'timeout',
  'reset_peer',
  'slicer',
  'limit_data',
];
const TOP_KEYS = ['name', 'description', 'start', 'steps'];
const STEP_KEYS = ['atMs', 'do', 'on', 'toxic'];
const EXAMPLE = '{ atMs: 0, do: kill, on: leader }';

/** A schedule as written: steps relative to a start drawn from the seed. */
export interface FaultScheduleFile {
  name: string;
  description: string;
  start?: { atMs: number; jitterMs: number };
  steps: { atMs: number; action: FaultAction }[];
}

type Raw = Record<string, unknown>;
const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const isMs = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 3_600_000;

function target(raw: unknown, where: string, problems: string[]): Target | undefined {
  if (raw === 'all') return 'all';
  if (raw === 'leader') return { leaderOf: { topic: '', partition: 0 } };
  if (isObject(raw) && Object.keys(raw).length === 1) {
    if (Number.isInteger(raw.followers) && (raw.followers as number) >= 1)
      return { followersOf: { topic: '', partition: 0 }, count: raw.followers as number };
    if (Number.isInteger(raw.broker) && (raw.broker as number) >= 0) return { broker: raw.broker as number };
  }
  problems.push(`${where}: 'on' must be leader, all, { followers: N } or { broker: ID }, got ${JSON.stringify(raw)}`);
  return undefined;
}

function toxic(raw: unknown, where: string, problems: string[]): ToxicSpec | undefined {
  if (!isObject(raw)) {
    problems.push(
      `${where}: 'toxic' is required for do: toxic, e.g. { type: latency, stream: downstream, attributes: { latency: 500 } }`,
    );
    return undefined;
  }
  const unknown = Object.keys(raw).filter((k) => !['type', 'stream', 'toxicity', 'attributes'].includes(k));
  if (unknown.length)
    problems.push(
      `${where}: unknown toxic key${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `'${k}'`).join(', ')} (known: type, stream, toxicity, attributes)`,
    );
  if (!TOXICS.includes(raw.type as ToxicType))
    problems.push(`${where}: toxic type must be one of ${TOXICS.join(', ')}, got ${JSON.stringify(raw.type)}`);
  if (raw.stream !== undefined && raw.stream !== 'upstream' && raw.stream !== 'downstream')
    problems.push(
      `${where}: toxic stream must be upstream (client -> broker) or downstream (broker -> client), got ${JSON.stringify(raw.stream)}`,
    );
  if (raw.toxicity !== undefined && !(typeof raw.toxicity === 'number' && raw.toxicity >= 0 && raw.toxicity <= 1))
    problems.push(`${where}: toxicity must be a number from 0 to 1, got ${JSON.stringify(raw.toxicity)}`);
  const attributes = raw.attributes ?? {};
  if (!isObject(attributes) || Object.values(attributes).some((v) => typeof v !== 'number'))
    problems.push(`${where}: toxic attributes must map names to numbers, e.g. { latency: 500, jitter: 50 }`);
  return {
    type: raw.type as ToxicType,
    ...(raw.stream ? { stream: raw.stream as 'upstream' | 'downstream' } : {}),
    ...(raw.toxicity !== undefined ? { toxicity: raw.toxicity as number } : {}),
    attributes: attributes as Record<string, number>,
  };
}

/** Validates a parsed schedule; every problem is listed at once, each naming its step. Pure. */
export function validateFaultSchedule(doc: unknown, source = '<inline>'): FaultScheduleFile {
  const problems: string[] = [];
  if (!isObject(doc))
    throw new GraderError(
      'BAD_USAGE',
      `fault schedule ${source} must be a YAML mapping with name, description and steps`,
      { hint: `see ${FAULTS_DIR}/*.yaml for examples` },
    );
  for (const k of Object.keys(doc))
    if (!TOP_KEYS.includes(k)) problems.push(`unknown key '${k}' (known: ${TOP_KEYS.join(', ')})`);
  if (typeof doc.name !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(doc.name))
    problems.push(`'name' must be a lower-case name with dashes, e.g. leader-kill, got ${JSON.stringify(doc.name)}`);
  if (typeof doc.description !== 'string' || !doc.description.trim())
    problems.push(`'description' must say what happens to the stack, in one sentence`);
  let start: FaultScheduleFile['start'];
  if (doc.start !== undefined) {
    const s = doc.start;
    if (
      !isObject(s) ||
      !isMs(s.atMs) ||
      !isMs(s.jitterMs ?? 0) ||
      Object.keys(s).some((k) => k !== 'atMs' && k !== 'jitterMs')
    )
      problems.push(`'start' must be { atMs: N, jitterMs: N } (whole milliseconds), got ${JSON.stringify(s)}`);
    else start = { atMs: s.atMs as number, jitterMs: (s.jitterMs as number | undefined) ?? 0 };
  }
  const steps: FaultScheduleFile['steps'] = [];
  if (!Array.isArray(doc.steps) || doc.steps.length === 0)
    problems.push(`'steps' must list at least one step, e.g. - ${EXAMPLE}`);
  else
    for (const [i, raw] of doc.steps.entries()) {
      const where = `step ${i + 1}`;
      if (!isObject(raw)) {
        problems.push(`${where}: must be a mapping, e.g. ${EXAMPLE}`);
        continue;
      }
      const unknown = Object.keys(raw).filter((k) => !STEP_KEYS.includes(k));
      if (unknown.length)
        problems.push(
          `${where}: unknown key${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `'${k}'`).join(', ')} (known: ${STEP_KEYS.join(', ')})`,
        );
      if (!isMs(raw.atMs))
        problems.push(`${where}: 'atMs' must be whole milliseconds after the start, got ${JSON.stringify(raw.atMs)}`);
      if (!ACTIONS.includes(raw.do as ActionName)) {
        problems.push(`${where}: 'do' must be one of ${ACTIONS.join(', ')}, got ${JSON.stringify(raw.do)}`);
        continue;
      }
      const kind = raw.do as ActionName;
      if (kind === 'heal') {
        if (raw.on !== undefined) problems.push(`${where}: heal acts on the whole stack: remove 'on'`);
        steps.push({ atMs: raw.atMs as number, action: { kind: 'heal' } });
        continue;
      }
      if (kind !== 'toxic' && raw.toxic !== undefined) problems.push(`${where}: 'toxic' is only for do: toxic`);
      const on = target(raw.on, where, problems);
      if (!on) continue;
      if (kind === 'toxic') {
        const t = toxic(raw.toxic, where, problems);
        if (t) steps.push({ atMs: raw.atMs as number, action: { kind, toxic: t, target: on } });
      } else steps.push({ atMs: raw.atMs as number, action: { kind, target: on } as FaultAction });
    }
  if (problems.length)
    throw new GraderError('BAD_USAGE', `fault schedule ${source} is invalid:\n  - ${problems.join('\n  - ')}`, {
      hint: `fix the listed keys; see ${path.relative(process.cwd(), FAULTS_DIR) || FAULTS_DIR}/*.yaml for examples`,
    });
  return { name: doc.name as string, description: doc.description as string, ...(start ? { start } : {}), steps };
}

function onPartition(t: Target, on: { topic: string; partition: number }): Target {
  if (t !== 'all' && 'leaderOf' in t) return { leaderOf: on };
  if (t !== 'all' && 'followersOf' in t) return { followersOf: on, count: t.count };
  return t;
}

function withPartition(a: FaultAction, on: { topic: string; partition: number }): FaultAction {
  return 'target' in a ? ({ ...a, target: onPartition(a.target, on) } as FaultAction) : a;
}

/** The schedule as a scenario: its start drawn from `rng` (when it has one), its targets on the partition given. */
export function compileFaultSchedule(f: FaultScheduleFile): FaultScenario {
  return {
    name: f.name,
    description: f.description,
    needsBrokerControl: f.steps.some((s) => BROKER_CONTROL.includes(s.action.kind as ActionName)),
    steps: (rng: Rng, on): ScenarioStep[] => {
      const start = f.start ? f.start.atMs + (f.start.jitterMs > 0 ? rng.int(0, f.start.jitterMs) : 0) : 0;
      return f.steps.map((s) => ({ atMs: start + s.atMs, action: withPartition(s.action, on) }));
    },
  };
}

/** Reads, validates and compiles one schedule file. */
export function loadFaultSchedule(file: string): FaultScenario {
  const doc = readYamlFile(file, 'fault schedule', `pass a YAML file, or the name of one of ${FAULTS_DIR}`);
  const compiled = compileFaultSchedule(validateFaultSchedule(doc, file));
  const stem = path.basename(file).replace(/\.ya?ml$/, '');
  if (path.dirname(path.resolve(file)) === FAULTS_DIR && stem !== compiled.name)
    throw new GraderError('BAD_USAGE', `fault schedule ${file} is named '${compiled.name}'`, {
      hint: `name the file ${compiled.name}.yaml, or the schedule ${stem}`,
    });
  return compiled;
}

/** Every schedule kgrade ships, by name. */
export function loadShippedSchedules(dir = FAULTS_DIR): Record<string, FaultScenario> {
  const out: Record<string, FaultScenario> = {};
  for (const f of fs
    .readdirSync(dir)
    .filter((n) => /\.ya?ml$/.test(n))
    .sort()) {
    const s = loadFaultSchedule(path.join(dir, f));
    out[s.name] = s;
  }
  return out;
}

/** A name of a shipped schedule, or a path to a file. */
export function resolveFaultSchedule(nameOrFile: string): FaultScenario {
  if (/\.ya?ml$/.test(nameOrFile) || nameOrFile.includes('/')) return loadFaultSchedule(nameOrFile);
  const shipped = loadShippedSchedules();
  const s = shipped[nameOrFile];
  if (!s)
    throw new GraderError('BAD_USAGE', `no fault schedule named '${nameOrFile}'`, {
      hint: `one of ${Object.keys(shipped).join(', ')}, or a path to a .yaml file (kgrade scenario list)`,
    });
  return s;
}
