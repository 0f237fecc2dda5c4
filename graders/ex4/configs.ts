import fs from 'node:fs';
import path from 'node:path';

/** One connector configuration file of the solution, as read and with the run's values put in. */
export interface LoadedConfig {
  file: string;
  /** What went wrong reading it, said as observed (missing, not JSON, no config object, unknown variables). */
  problem?: string;
  name?: string;
  config?: Record<string, string>;
}

const PLACEHOLDER = /\$\{([A-Z0-9_]+)\}/g;

/** Replaces `${NAME}` by env[NAME] in every string; returns the names it did not know. */
export function substitute(value: unknown, env: Record<string, string>, unknown: Set<string>): unknown {
  if (typeof value === 'string')
    return value.replace(PLACEHOLDER, (m, k: string) => (k in env ? env[k]! : (unknown.add(k), m)));
  if (Array.isArray(value)) return value.map((v) => substitute(v, env, unknown));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, env, unknown)]));
  return value;
}

/** Parses a configuration file's text: `{"name": ..., "config": {...}}` as Connect's POST /connectors takes it. Pure. */
export function parseConfig(file: string, text: string | undefined, env: Record<string, string>): LoadedConfig {
  if (text === undefined) return { file, problem: `${file} is missing` };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { file, problem: `${file} is not JSON (${(e as Error).message})` };
  }
  const unknown = new Set<string>();
  const doc = substitute(raw, env, unknown) as { name?: unknown; config?: unknown };
  if (!doc || typeof doc !== 'object' || !doc.config || typeof doc.config !== 'object' || Array.isArray(doc.config))
    return { file, problem: `${file} has no "config" object` };
  if (unknown.size)
    return {
      file,
      problem: `${file} uses variables the grader does not give: ${[...unknown].map((u) => '${' + u + '}').join(', ')}`,
    };
  const config = Object.fromEntries(
    Object.entries(doc.config as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
  );
  return { file, name: typeof doc.name === 'string' ? doc.name : undefined, config };
}

export function loadConfig(dir: string, file: string, env: Record<string, string>): LoadedConfig {
  const p = path.join(dir, file);
  return parseConfig(file, fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : undefined, env);
}
