/**
 * What is wrong with a solution folder before anything is built or started: a missing folder, a `kgrade.json`
 * that is not JSON or breaks its schema, a file it names that cannot exist after the build. `kgrade grade`
 * answers these as usage errors (one line, exit 2, no stack, no report); a cohort keeps grading them as the
 * student's `error` verdicts. Pure but for reading the folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SolutionError } from '../core/errors.js';
import type { Localized } from '../model/verdict.js';
import { detectSolution } from './solution.js';

export interface SolutionProblem {
  message: Localized;
  fix: Localized;
}

const both = (s: string): Localized => ({ fr: s, en: s });

const SCHEMA_FIX: Localized = {
  fr: 'kgrade.json accepte runner (node, maven, command, files), main, jar, build, start, env, ready et exercises ; un programme Python ou autre : "runner": "command", "start": "python3 main.py"',
  en: 'kgrade.json takes runner (node, maven, command, files), main, jar, build, start, env, ready and exercises; a Python or other program: "runner": "command", "start": "python3 main.py"',
};

/** Inside the folder (not absolute, no `..` out of it). */
function staysInside(rel: string): boolean {
  if (path.isAbsolute(rel)) return false;
  const n = path.normalize(rel);
  return n !== '..' && !n.startsWith(`..${path.sep}`);
}

/** The first thing that stops `exerciseIds` from being graded on the folder `dirArg`; undefined when none is seen. */
export function solutionProblem(
  dirArg: string,
  exerciseIds: string[],
  shown: string = dirArg,
): SolutionProblem | undefined {
  const dir = path.resolve(dirArg);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    return {
      message: {
        fr: `le dossier de la solution ${shown} n'existe pas (${dir})`,
        en: `the solution folder ${shown} does not exist (${dir})`,
      },
      fix: {
        fr: 'passez le dossier de votre solution : --solution <dossier>',
        en: "pass your solution's folder: --solution <folder>",
      },
    };
  }
  let sol: ReturnType<typeof detectSolution>;
  try {
    sol = detectSolution(dir);
  } catch (e) {
    if (!(e instanceof SolutionError)) throw e;
    // A schema error's own hint repeats its message: the fix is then the keys kgrade.json accepts.
    return { message: e.localized, fix: e.hint.en.startsWith('Fix kgrade.json:') ? SCHEMA_FIX : e.hint };
  }
  const m = sol.manifest;
  const hasBuild = m.build !== undefined;
  for (const ex of exerciseIds.length ? exerciseIds : ['']) {
    const o = m.exercises?.[ex] ?? {};
    const where = o.main !== undefined || o.jar !== undefined || o.start !== undefined ? `exercises.${ex}.` : '';
    const start = o.start ?? m.start;
    const main = o.main ?? m.main;
    const jar = o.jar ?? m.jar;
    if (main !== undefined && !start && sol.runner === 'node') {
      if (!staysInside(main)) return outside(`${o.main !== undefined ? where : ''}main`, main, '"main": "src/main.ts"');
      if (!hasBuild && !fs.existsSync(path.join(dir, main))) {
        return {
          message: {
            fr: `kgrade.json : "main" désigne ${main}, qui n'existe pas dans ${shown}`,
            en: `kgrade.json: "main" names ${main}, which does not exist in ${shown}`,
          },
          fix: {
            fr: `corrigez "main" (le fichier d'entrée de votre programme, relatif au dossier de la solution), par exemple "main": "src/main.ts"`,
            en: 'fix "main" (your program\'s entry file, relative to the solution folder), e.g. "main": "src/main.ts"',
          },
        };
      }
    }
    if (jar !== undefined && !start && sol.runner === 'maven') {
      if (!staysInside(jar)) return outside(`${o.jar !== undefined ? where : ''}jar`, jar, '"jar": "target/app.jar"');
      if (!jar.endsWith('.jar')) {
        return {
          message: {
            fr: `kgrade.json : "jar" vaut ${jar}, qui n'est pas un fichier .jar`,
            en: `kgrade.json: "jar" is ${jar}, which is not a .jar file`,
          },
          fix: both('"jar": "target/app.jar"'),
        };
      }
    }
    if (start && !hasBuild) {
      const program = /^\s*(\.{1,2}\/\S+)/.exec(start)?.[1];
      if (program && !fs.existsSync(path.join(dir, program))) {
        return {
          message: {
            fr: `kgrade.json : "start" lance ${program}, qui n'existe pas dans ${shown} (et aucun "build" ne le produit)`,
            en: `kgrade.json: "start" runs ${program}, which does not exist in ${shown} (and no "build" makes it)`,
          },
          fix: {
            fr: `corrigez "start", ou ajoutez le "build" qui produit ${program}`,
            en: `fix "start", or add the "build" that makes ${program}`,
          },
        };
      }
    }
  }
  if (sol.runner === 'maven' && !hasBuild && !fs.existsSync(path.join(dir, 'pom.xml'))) {
    return {
      message: {
        fr: `kgrade.json : "runner": "maven", mais ${shown} n'a pas de pom.xml`,
        en: `kgrade.json: "runner": "maven", but ${shown} has no pom.xml`,
      },
      fix: {
        fr: 'ajoutez le pom.xml, ou donnez la commande de build ("build": "...")',
        en: 'add the pom.xml, or give the build command ("build": "...")',
      },
    };
  }
  return undefined;
}

function outside(key: string, value: string, example: string): SolutionProblem {
  return {
    message: {
      fr: `kgrade.json : "${key}" vaut ${value}, hors du dossier de la solution`,
      en: `kgrade.json: "${key}" is ${value}, outside the solution folder`,
    },
    fix: {
      fr: `donnez un chemin relatif au dossier de la solution, par exemple ${example}`,
      en: `give a path relative to the solution folder, e.g. ${example}`,
    },
  };
}
