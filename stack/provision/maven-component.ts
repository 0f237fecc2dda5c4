import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GraderError } from '../../core/errors.js';
import { execCapture, tail } from '../../core/exec.js';
import { cachePaths } from '../cache-paths.js';
import { hashOf, type Component } from './component.js';

export const POM_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'maven');

export const MAVEN_HINT =
  'install a JDK 17 and Maven (Debian: apt-get install openjdk-17-jdk-headless maven), or use --stack docker';

/** Runs one of the project's small poms (stack/provision/maven/<name>/pom.xml) with the cache's local repository. */
export async function runProjectPom(
  pomName: string,
  goals: string[],
  env: Record<string, string>,
  workDir?: string,
): Promise<string> {
  const work = workDir ?? fs.mkdtempSync(path.join(os.tmpdir(), `kgrade-${pomName}-`));
  fs.cpSync(path.join(POM_DIR, pomName), work, { recursive: true });
  const r = await execCapture('mvn', ['-B', '-q', ...goals, `-Dmaven.repo.local=${cachePaths.m2()}`], {
    cwd: work,
    env: { ...process.env, ...env },
    timeoutMs: 30 * 60_000,
  });
  if (r.code !== 0) {
    throw new GraderError('PROVISION_FAILED', `Maven could not resolve ${pomName} (exit ${r.code})`, {
      hint: 'Maven Central must be reachable; run `kgrade stack provision` again once it is (it resumes where it stopped)',
      logTail: tail(r.stdout + '\n' + r.stderr),
    });
  }
  return work;
}

export function pomHash(pomName: string, ...extra: string[]): string {
  return hashOf(fs.readFileSync(path.join(POM_DIR, pomName, 'pom.xml'), 'utf8'), ...extra);
}

/**
 * A component made of the runtime jars a project pom resolves, copied into the cache. `files`: other files of the
 * pom's folder the build reads (their content is part of the inputs).
 */
export function mavenJarsComponent(opts: {
  name: string;
  pom: string;
  describe: string;
  target: () => string;
  env: Record<string, string>;
  files?: string[];
}): Component {
  const files = () => (opts.files ?? []).map((f) => fs.readFileSync(path.join(POM_DIR, opts.pom, f), 'utf8'));
  return {
    name: opts.name,
    describe: () => opts.describe,
    target: opts.target,
    inputsHash: () => pomHash(opts.pom, ...files(), JSON.stringify(opts.env)),
    requiredTools: [
      { cmd: 'java', hint: MAVEN_HINT },
      { cmd: 'mvn', hint: MAVEN_HINT },
    ],
    async install(dir) {
      const work = await runProjectPom(opts.pom, ['package'], { ...opts.env, KGRADE_OUTPUT_DIR: dir });
      fs.rmSync(work, { recursive: true, force: true });
    },
  };
}
