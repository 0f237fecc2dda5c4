import fs from 'node:fs';
import path from 'node:path';
import AjvModule, { type ErrorObject } from 'ajv';
import { SolutionError } from '../core/errors.js';
import { MANIFEST_EXAMPLES, MANIFEST_SCHEMA } from './manifest-schema.js';

/** files: the solution is files the grader reads itself (ksqlDB statements): nothing is built or started. */
export type RunnerKind = 'node' | 'maven' | 'command' | 'files';

export interface ExerciseOverrides {
  topics?: Record<string, string>;
  groups?: Record<string, string>;
  /** Kafka Streams application.id, registry subjects, Connect connectors, file names (model/contract.ts). */
  applicationIds?: Record<string, string>;
  subjects?: Record<string, string>;
  connectors?: Record<string, string>;
  files?: Record<string, string>;
  endpoints?: Record<string, string>;
  /** Where a consumer application reports what it processed (exercises that offer a choice). */
  sink?: string;
  env?: Record<string, string>;
  main?: string;
  jar?: string;
  start?: string;
  /** ksqlDB statement files, run in this order. */
  sql?: string[];
}

export interface Manifest {
  runner?: RunnerKind;
  main?: string;
  jar?: string;
  build?: string;
  start?: string;
  env?: Record<string, string>;
  ready?: { port?: boolean; log?: string; timeoutSeconds?: number };
  exercises?: Record<string, ExerciseOverrides>;
}

const Ajv = AjvModule.default ?? AjvModule;
const validate = new Ajv({ allErrors: true, strict: false }).compile(MANIFEST_SCHEMA);

function keyOf(e: ErrorObject): string {
  const parts = e.instancePath.split('/').filter(Boolean);
  if (e.keyword === 'additionalProperties') parts.push((e.params as { additionalProperty: string }).additionalProperty);
  if (e.keyword === 'propertyNames') parts.push((e.params as { propertyName: string }).propertyName);
  return parts.join('.') || '(root)';
}

function valueAt(doc: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .filter(Boolean)
    .reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), doc);
}

/** One readable line per schema error: the key, the bad value, what is expected, an example. */
export function describeManifestErrors(doc: unknown, errors: ErrorObject[]): string[] {
  const lines = new Set<string>();
  for (const e of errors) {
    if (e.keyword === 'if') continue;
    const key = keyOf(e);
    const example = key
      .split('.')
      .reverse()
      .map((k) => MANIFEST_EXAMPLES[k])
      .find(Boolean);
    const shown = JSON.stringify(valueAt(doc, e.instancePath));
    let what: string;
    switch (e.keyword) {
      case 'additionalProperties':
        what = `unknown key '${key}'`;
        break;
      case 'propertyNames':
        what = `'${key}' is not an exercise id (expected ex0, ex1, ...)`;
        break;
      case 'enum':
        what = `'${key}' is ${shown} but must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
        break;
      case 'pattern':
        what = `'${key}' is ${shown}, which does not match ${(e.params as { pattern: string }).pattern}`;
        break;
      default:
        what = `'${key}' is ${shown}: ${e.message}`;
    }
    lines.add(example ? `${what}; example: ${example}` : what);
  }
  return [...lines];
}

/** Reads and validates `kgrade.json`; undefined when the solution has none. */
export function loadManifest(dir: string): Manifest | undefined {
  const file = path.join(dir, 'kgrade.json');
  if (!fs.existsSync(file)) return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new SolutionError(
      'manifest',
      {
        fr: `kgrade.json n'est pas du JSON valide : ${(e as Error).message}`,
        en: `kgrade.json is not valid JSON: ${(e as Error).message}`,
      },
      {
        fr: 'Corrigez la syntaxe JSON de kgrade.json (guillemets doubles, pas de virgule finale).',
        en: 'Fix the JSON syntax of kgrade.json (double quotes, no trailing comma).',
      },
    );
  }
  if (!validate(doc)) {
    const lines = describeManifestErrors(doc, validate.errors ?? []);
    throw new SolutionError(
      'manifest',
      { fr: `kgrade.json invalide : ${lines.join('\n')}`, en: `kgrade.json: ${lines.join('\n')}` },
      {
        fr: `Corrigez kgrade.json : ${lines.join(' ; ')}`,
        en: `Fix kgrade.json: ${lines.join('; ')}`,
      },
    );
  }
  const m = doc as Manifest;
  if (m.runner === 'command' && !m.start) {
    throw new SolutionError(
      'manifest',
      {
        fr: 'kgrade.json : le runner "command" demande une commande \'start\' ; par exemple "start": "python3 main.py"',
        en: 'kgrade.json: runner "command" needs a \'start\' command; example: "start": "python3 main.py"',
      },
      {
        fr: 'Ajoutez la clé "start" (la commande qui lance votre solution) à kgrade.json.',
        en: 'Add a "start" key (the command that runs your solution) to kgrade.json.',
      },
    );
  }
  if (m.ready?.log !== undefined) {
    const problem = regexProblem(m.ready.log);
    if (problem) {
      throw new SolutionError(
        'manifest',
        {
          fr: `kgrade.json : « ready.log » n'est pas une expression régulière valide (${problem})`,
          en: `kgrade.json: "ready.log" is not a valid regular expression (${problem})`,
        },
        {
          fr: `« ready.log » est une expression régulière cherchée dans la sortie de votre solution (ex. "Started .* in"), ici : ${m.ready.log}`,
          en: `"ready.log" is a regular expression looked for in your solution's output (e.g. "Started .* in"), here: ${m.ready.log}`,
        },
      );
    }
  }
  return m;
}

function regexProblem(source: string): string | undefined {
  try {
    new RegExp(source);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}
