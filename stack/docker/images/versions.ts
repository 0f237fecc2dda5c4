import { KAFKA_IMAGE } from '../../versions.js';

/**
 * Container images of the docker provider: the stack's own roles and the sandbox's, pinned here; each optional
 * service pins its own in its module (`container.official`, stack/services/<service>/), beside its offline recipe,
 * and OFFICIAL_IMAGES (official-images.ts) gathers them all (`kgrade images list` prints every pin).
 * `official`: pulled from public registries. `offline`: built here by `kgrade images build` (images/build.ts)
 * from Debian packages and the artifacts the native provider provisions; see OFFLINE_RECIPE.
 */
export const BASE_IMAGES = {
  /** Pinned beside the jars' version (stack/versions.ts). */
  kafka: KAFKA_IMAGE,
  toxiproxy: 'ghcr.io/shopify/toxiproxy:2.12.0',
  /** docker-compose.yml only. */
  kafkaUi: 'provectuslabs/kafka-ui:v0.7.2',
  /**
   * Sandboxed solutions (--sandbox): Maven 3.9 on Temurin 17 (Ubuntu). It has no Node: the grader's own Node is
   * bind-mounted read-only (SOLUTION_RUNTIME.nodeBinary, npmDir). Untested here: no registry answers.
   */
  solution: 'maven:3.9.9-eclipse-temurin-17',
} as const;

/** The solution runtime: what a sandboxed build and run need (TS with Node 20, Java and Spring Boot with JDK 17). */
export const SOLUTION_RUNTIME = {
  /** Offline image: from Debian bookworm (Maven 3.8.7, OpenJDK 17, Python 3.11 with venv for the command runner), Node copied from the host. */
  debianPackages: ['openjdk-17-jdk-headless', 'maven', 'python3-venv'],
  /** Official image: where the host's Node and npm are mounted read-only (same paths as the offline image). */
  nodeBinary: '/usr/bin/node',
  npmDir: '/usr/lib/node_modules/npm',
} as const;
export type ImageSetName = 'official' | 'offline';

/** What the offline images are made of; a change here changes every offline tag. */
export const OFFLINE_RECIPE = {
  /** Bumped whenever the build steps change in a way the inputs below do not show. */
  recipe: '1',
  suite: 'bookworm',
  variant: 'minbase',
  /** Installed into the Debian root (containers cannot reach a mirror: --iptables=false). */
  packages: ['openjdk-17-jre-headless', 'postgresql-15', 'ca-certificates'],
  repository: 'kgrade',
} as const;
