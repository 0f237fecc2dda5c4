import fs from 'node:fs';
import path from 'node:path';
import { cachePaths } from '../cache-paths.js';
import type { Component } from './component.js';
import { MAVEN_HINT, POM_DIR, pomHash, runProjectPom } from './maven-component.js';

/** Java sources built into the registry (Confluent's schema equality on the ccompat API): part of its inputs. */
const SOURCES = ['src/main/java/dev/kgrade/registry/ConfluentSchemaEquality.java'];

/** Apicurio Registry (Confluent-compatible API), built as a Quarkus application from Maven Central. */
export const apicurioComponent: Component = {
  name: 'apicurio',
  describe: () => 'Apicurio Registry (Confluent-compatible schema registry), built from Maven Central',
  target: () => cachePaths.apicurio(),
  inputsHash: () =>
    pomHash('apicurio', ...SOURCES.map((f) => fs.readFileSync(path.join(POM_DIR, 'apicurio', f), 'utf8'))),
  requiredTools: [
    { cmd: 'java', hint: MAVEN_HINT },
    { cmd: 'mvn', hint: MAVEN_HINT },
  ],
  async install(dir) {
    const work = await runProjectPom('apicurio', ['package'], {});
    fs.cpSync(path.join(work, 'target', 'quarkus-app'), path.join(dir, 'quarkus-app'), { recursive: true });
    fs.rmSync(work, { recursive: true, force: true });
  },
};

export function apicurioRunJar(): string {
  return path.join(cachePaths.apicurio(), 'quarkus-app', 'quarkus-run.jar');
}
