import type { ExerciseOverrides } from '../runner/manifest.js';
import { NAME_KINDS, type NameKind } from '../model/contract.js';
import type { ContractDefaults, ContractNames } from './exercise.js';

/** A default name with the run id: `news-<id>`; a file keeps its extension last (`input-<id>.txt`). */
export function withRunId(kind: NameKind, name: string, runId: string): string {
  if (kind === 'files') {
    const dot = name.lastIndexOf('.');
    if (dot > 0) return `${name.slice(0, dot)}-${runId}${name.slice(dot)}`;
  }
  return `${name}-${runId}`;
}

/**
 * Names for one run: each default carries the run id (so runs never see each other's data on a shared
 * stack); a name the solution's manifest overrides is used exactly, since that solution hardcodes it.
 */
export function resolveNames(
  defaults: ContractDefaults,
  overrides: ExerciseOverrides | undefined,
  runId: string,
): ContractNames & { overridden: string[] } {
  const overridden: string[] = [];
  const pick = (kind: NameKind) =>
    Object.fromEntries(
      Object.entries(defaults[kind] ?? {}).map(([key, name]) => {
        const o = overrides?.[kind]?.[key];
        if (o) overridden.push(`${kind}.${key}`);
        return [key, o ?? withRunId(kind, name, runId)];
      }),
    );
  const names = Object.fromEntries(NAME_KINDS.map((kind) => [kind, pick(kind)])) as Record<
    NameKind,
    Record<string, string>
  >;
  return { ...names, endpoints: { ...defaults.endpoints, ...overrides?.endpoints }, overridden };
}

/** The contract's environment variables, set to this run's names. */
export function namesEnv(defaults: ContractDefaults, names: ContractNames): Record<string, string> {
  const env: Record<string, string> = {};
  for (const kind of NAME_KINDS)
    for (const [key, v] of Object.entries(defaults.envVars[kind] ?? {})) env[v] = names[kind][key]!;
  return env;
}

/** Checks a manifest's override keys against the contract: an unknown key is a student's typo. */
export function unknownOverrideKeys(defaults: ContractDefaults, overrides: ExerciseOverrides | undefined): string[] {
  const bad: string[] = [];
  for (const kind of [...NAME_KINDS, 'endpoints'] as const) {
    const known = defaults[kind] ?? {};
    for (const key of Object.keys(overrides?.[kind] ?? {}))
      if (!(key in known)) bad.push(`${kind}.${key} (known: ${Object.keys(known).join(', ') || 'none'})`);
  }
  if (overrides?.sink !== undefined && !defaults.sinks?.includes(overrides.sink))
    bad.push(
      `sink "${overrides.sink}" (known: ${defaults.sinks?.join(', ') || 'none: this exercise has no choice of sink'})`,
    );
  return bad;
}
