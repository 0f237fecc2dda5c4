import type { ExerciseOverrides } from '../runner/manifest.js';
import type { ContractDefaults, ContractNames } from './exercise.js';

/**
 * Names for one run: each default carries the run id (so runs never see each other's data on a shared
 * stack); a name the solution's manifest overrides is used exactly, since that solution hardcodes it.
 */
export function resolveNames(defaults: ContractDefaults, overrides: ExerciseOverrides | undefined, runId: string): ContractNames & { overridden: string[] } {
  const overridden: string[] = [];
  const pick = (kind: 'topics' | 'groups', d: Record<string, string>) =>
    Object.fromEntries(
      Object.entries(d).map(([key, name]) => {
        const o = overrides?.[kind]?.[key];
        if (o) overridden.push(`${kind}.${key}`);
        return [key, o ?? `${name}-${runId}`];
      }),
    );
  return {
    topics: pick('topics', defaults.topics),
    groups: pick('groups', defaults.groups),
    endpoints: { ...defaults.endpoints, ...overrides?.endpoints },
    overridden,
  };
}

/** The contract's environment variables, set to this run's names. */
export function namesEnv(defaults: ContractDefaults, names: ContractNames): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, v] of Object.entries(defaults.envVars.topics)) env[v] = names.topics[key]!;
  for (const [key, v] of Object.entries(defaults.envVars.groups)) env[v] = names.groups[key]!;
  return env;
}

/** Checks a manifest's override keys against the contract: an unknown key is a student's typo. */
export function unknownOverrideKeys(defaults: ContractDefaults, overrides: ExerciseOverrides | undefined): string[] {
  const bad: string[] = [];
  for (const kind of ['topics', 'groups', 'endpoints'] as const) {
    for (const key of Object.keys(overrides?.[kind] ?? {})) if (!(key in defaults[kind])) bad.push(`${kind}.${key} (known: ${Object.keys(defaults[kind]).join(', ') || 'none'})`);
  }
  if (overrides?.sink !== undefined && !defaults.sinks?.includes(overrides.sink)) bad.push(`sink "${overrides.sink}" (known: ${defaults.sinks?.join(', ') || 'none: this exercise has no choice of sink'})`);
  return bad;
}
