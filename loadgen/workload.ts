import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readYamlFile } from '../core/yaml-file.js';
import { GraderError } from '../core/errors.js';

/**
 * A run is a workload shape (what traffic: topics, sizes, rate, duration) times a client profile (how the
 * producer is set up: acks, idempotence, batching, codec). The split follows OpenMessaging Benchmark's
 * workloads vs driver configs, so one shape can be replayed with every profile.
 */
export type PayloadSpec =
  | { kind: 'random-bytes'; sizeBytes: number }
  /** The course's JSON news records (TP 004): realistic text, so compression ratios mean something. */
  | { kind: 'news-json' };

export type KeyDistribution = 'none' | 'random' | 'round-robin';

export interface WorkloadShape {
  name: string;
  description: string;
  topics: number;
  partitionsPerTopic: number;
  payload: PayloadSpec;
  keyDistribution: KeyDistribution;
  /** Distinct keys when keys are random or round-robin. */
  keyCount: number;
  /** Records per second the schedule asks for; 'max' = as fast as the client takes them (closed loop). */
  rateMsgPerSec: number | 'max';
  warmupSec: number;
  durationSec: number;
  /** Stop after this many measured records even if the duration is not over (perf-test comparisons). */
  maxRecords?: number;
  /** Measure end-to-end latency with a consumer in the same process. */
  endToEnd: boolean;
}

export type Codec = 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd';
export const CODECS: readonly Codec[] = ['none', 'gzip', 'snappy', 'lz4', 'zstd'];

export interface ClientProfile {
  name: string;
  description: string;
  acks: 0 | 1 | -1;
  idempotence: boolean;
  /** Upper bound of one produce request's records, bytes (Java's batch.size is per partition). */
  batchSizeBytes: number;
  lingerMs: number;
  compression: Codec;
  maxInFlightRequests: number;
  /** Records waiting in the client beyond this make the sender wait (Java's buffer.memory). */
  bufferMemoryBytes: number;
}

const here = path.dirname(fileURLToPath(import.meta.url));
/** Workload shapes live beside the fault schedules: scenarios/ says what happens to the stack. */
export const WORKLOADS_DIR = path.join(here, '..', 'scenarios', 'workloads');
export const PROFILES_DIR = path.join(here, 'profiles');

type Raw = Record<string, unknown>;

class Problems {
  readonly list: string[] = [];
  constructor(private readonly source: string) {}
  add(msg: string) {
    this.list.push(msg);
  }
  throwIfAny(kind: string, hint: string): void {
    if (this.list.length) {
      throw new GraderError('BAD_USAGE', `${kind} ${this.source} is invalid:\n  - ${this.list.join('\n  - ')}`, {
        hint,
      });
    }
  }
}

function num(
  raw: Raw,
  key: string,
  p: Problems,
  opts: { min: number; max?: number; integer?: boolean; fallback?: number },
): number {
  const v = raw[key] ?? opts.fallback;
  if (v === undefined) {
    p.add(`'${key}' is required`);
    return opts.min;
  }
  if (
    typeof v !== 'number' ||
    !Number.isFinite(v) ||
    (opts.integer && !Number.isInteger(v)) ||
    v < opts.min ||
    (opts.max !== undefined && v > opts.max)
  ) {
    p.add(
      `'${key}' must be ${opts.integer ? 'an integer' : 'a number'} from ${opts.min}${opts.max !== undefined ? ` to ${opts.max}` : ''}, got ${JSON.stringify(v)}`,
    );
    return opts.min;
  }
  return v;
}

function str(raw: Raw, key: string, p: Problems, fallback?: string): string {
  const v = raw[key] ?? fallback;
  if (typeof v !== 'string') {
    p.add(`'${key}' must be a string`);
    return '';
  }
  return v;
}

function unknownKeys(raw: Raw, allowed: string[], p: Problems): void {
  for (const k of Object.keys(raw))
    if (!allowed.includes(k)) p.add(`unknown key '${k}' (known: ${allowed.join(', ')})`);
}

function asObject(doc: unknown, source: string, kind: string): Raw {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new GraderError('BAD_USAGE', `${kind} ${source} must be a YAML mapping`, {
      hint: 'see scenarios/workloads/*.yaml for examples',
    });
  }
  return doc as Raw;
}

const SHAPE_KEYS = [
  'name',
  'description',
  'topics',
  'partitionsPerTopic',
  'payload',
  'keyDistribution',
  'keyCount',
  'rateMsgPerSec',
  'warmupSec',
  'durationSec',
  'maxRecords',
  'endToEnd',
];

/** Validates a parsed workload shape; every problem is listed at once. Pure. */
export function validateShape(doc: unknown, source = '<inline>'): WorkloadShape {
  const raw = asObject(doc, source, 'workload');
  const p = new Problems(source);
  unknownKeys(raw, SHAPE_KEYS, p);
  let payload: PayloadSpec = { kind: 'news-json' };
  const rp = raw.payload;
  if (!rp || typeof rp !== 'object')
    p.add(`'payload' is required: { kind: random-bytes, sizeBytes: N } or { kind: news-json }`);
  else {
    const pr = rp as Raw;
    if (pr.kind === 'random-bytes') {
      unknownKeys(pr, ['kind', 'sizeBytes'], p);
      payload = { kind: 'random-bytes', sizeBytes: num(pr, 'sizeBytes', p, { min: 1, max: 1_000_000, integer: true }) };
    } else if (pr.kind === 'news-json') {
      unknownKeys(pr, ['kind'], p);
      payload = { kind: 'news-json' };
    } else p.add(`'payload.kind' must be random-bytes or news-json, got ${JSON.stringify(pr.kind)}`);
  }
  const keyDistribution = (raw.keyDistribution ?? 'none') as KeyDistribution;
  if (!['none', 'random', 'round-robin'].includes(keyDistribution))
    p.add(`'keyDistribution' must be none, random or round-robin, got ${JSON.stringify(raw.keyDistribution)}`);
  let rate: number | 'max' = 'max';
  if (raw.rateMsgPerSec !== 'max') rate = num(raw, 'rateMsgPerSec', p, { min: 1, max: 10_000_000 });
  const maxRecords = raw.maxRecords === undefined ? undefined : num(raw, 'maxRecords', p, { min: 1, integer: true });
  const endToEnd = raw.endToEnd ?? true;
  if (typeof endToEnd !== 'boolean') p.add(`'endToEnd' must be true or false`);
  const shape: WorkloadShape = {
    name: str(raw, 'name', p),
    description: str(raw, 'description', p, ''),
    topics: num(raw, 'topics', p, { min: 1, max: 100, integer: true, fallback: 1 }),
    partitionsPerTopic: num(raw, 'partitionsPerTopic', p, { min: 1, max: 1000, integer: true, fallback: 1 }),
    payload,
    keyDistribution,
    keyCount: num(raw, 'keyCount', p, { min: 1, integer: true, fallback: 1000 }),
    rateMsgPerSec: rate,
    warmupSec: num(raw, 'warmupSec', p, { min: 0, max: 3600, fallback: 0 }),
    durationSec: num(raw, 'durationSec', p, { min: 0.1, max: 3600 }),
    ...(maxRecords !== undefined ? { maxRecords } : {}),
    endToEnd: endToEnd === true,
  };
  p.throwIfAny('workload', 'fix the listed keys; see scenarios/workloads/*.yaml for examples');
  return shape;
}

const PROFILE_KEYS = [
  'name',
  'description',
  'acks',
  'idempotence',
  'batchSizeBytes',
  'lingerMs',
  'compression',
  'maxInFlightRequests',
  'bufferMemoryBytes',
];

/** Validates a parsed client profile. Defaults are the Java producer's (Kafka 3.9). Pure. */
export function validateProfile(doc: unknown, source = '<inline>'): ClientProfile {
  const raw = asObject(doc, source, 'profile');
  const p = new Problems(source);
  unknownKeys(raw, PROFILE_KEYS, p);
  const acksRaw = raw.acks ?? 'all';
  const acks = acksRaw === 'all' || acksRaw === -1 ? -1 : acksRaw === 0 || acksRaw === 1 ? acksRaw : undefined;
  if (acks === undefined) p.add(`'acks' must be 0, 1 or all, got ${JSON.stringify(acksRaw)}`);
  const idempotence = raw.idempotence ?? false;
  if (typeof idempotence !== 'boolean') p.add(`'idempotence' must be true or false`);
  if (idempotence === true && acks !== -1) p.add(`'idempotence: true' needs 'acks: all' (as in the Java client)`);
  const compression = (raw.compression ?? 'none') as Codec;
  if (!CODECS.includes(compression))
    p.add(`'compression' must be one of ${CODECS.join(', ')}, got ${JSON.stringify(raw.compression)}`);
  const profile: ClientProfile = {
    name: str(raw, 'name', p),
    description: str(raw, 'description', p, ''),
    acks: (acks ?? -1) as ClientProfile['acks'],
    idempotence: idempotence === true,
    batchSizeBytes: num(raw, 'batchSizeBytes', p, { min: 1, max: 64 * 1024 * 1024, integer: true, fallback: 16384 }),
    lingerMs: num(raw, 'lingerMs', p, { min: 0, max: 60_000, fallback: 0 }),
    compression,
    maxInFlightRequests: num(raw, 'maxInFlightRequests', p, { min: 1, max: 100, integer: true, fallback: 5 }),
    bufferMemoryBytes: num(raw, 'bufferMemoryBytes', p, { min: 1024, integer: true, fallback: 32 * 1024 * 1024 }),
  };
  p.throwIfAny('profile', 'fix the listed keys; see loadgen/profiles/*.yaml for examples');
  return profile;
}

function resolveFile(nameOrPath: string, dir: string, kind: string): string {
  const candidates = [nameOrPath, path.join(dir, `${nameOrPath}.yaml`), path.join(dir, nameOrPath)];
  const found = candidates.find((c) => fs.existsSync(c) && fs.statSync(c).isFile());
  if (!found) {
    throw new GraderError('BAD_USAGE', `no ${kind} named '${nameOrPath}'`, {
      hint: `${kind}s: ${listNames(dir).join(', ')} (or a path to a YAML file)`,
    });
  }
  return found;
}

export function listNames(dir: string): string[] {
  return fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.yaml'))
        .map((f) => f.slice(0, -5))
        .sort()
    : [];
}

export function loadShape(nameOrPath: string): WorkloadShape {
  const file = resolveFile(nameOrPath, WORKLOADS_DIR, 'workload');
  return validateShape(
    readYamlFile(file, 'workload', `pass a YAML file, or the name of one of ${WORKLOADS_DIR}`),
    file,
  );
}

export function loadProfile(nameOrPath: string): ClientProfile {
  const file = resolveFile(nameOrPath, PROFILES_DIR, 'profile');
  return validateProfile(
    readYamlFile(file, 'profile', `pass a YAML file, or the name of one of ${PROFILES_DIR}`),
    file,
  );
}

/** Shape with the overrides a command line gives (record count, duration, rate). Pure. */
export function withOverrides(
  shape: WorkloadShape,
  o: {
    records?: number;
    durationSec?: number;
    warmupSec?: number;
    rate?: number | 'max';
    sizeBytes?: number;
    endToEnd?: boolean;
  },
): WorkloadShape {
  const s: WorkloadShape = { ...shape };
  if (o.records !== undefined) s.maxRecords = o.records;
  if (o.durationSec !== undefined) s.durationSec = o.durationSec;
  if (o.warmupSec !== undefined) s.warmupSec = o.warmupSec;
  if (o.rate !== undefined) s.rateMsgPerSec = o.rate;
  if (o.endToEnd !== undefined) s.endToEnd = o.endToEnd;
  if (o.sizeBytes !== undefined) s.payload = { kind: 'random-bytes', sizeBytes: o.sizeBytes };
  return validateShape(s, `${shape.name} (with overrides)`);
}
