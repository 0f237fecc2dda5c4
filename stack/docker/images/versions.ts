import type { ServiceName } from '../../stack-types.js';

/**
 * Container images of the docker provider, pinned in one place.
 * `official`: pulled from public registries. `offline`: built here by `kgrade images build` (images/build.ts)
 * from Debian packages and the artifacts the native provider provisions; see OFFLINE_RECIPE.
 */
export const OFFICIAL_IMAGES = {
  /** Apache's JVM image; 3.9.1 is the newest 3.9 tag documented on kafka.apache.org (the jars are 3.9.2). */
  kafka: 'apache/kafka:3.9.1',
  toxiproxy: 'ghcr.io/shopify/toxiproxy:2.12.0',
  registry: 'confluentinc/cp-schema-registry:7.9.1',
  /** Connect runs in the Kafka image; the Debezium plugin is bind-mounted from kgrade's cache. */
  connect: 'apache/kafka:3.9.1',
  ksqldb: 'confluentinc/ksqldb-server:0.29.0',
  postgres: 'postgres:15',
  /** docker-compose.yml only. */
  kafkaUi: 'provectuslabs/kafka-ui:v0.7.2',
  /**
   * Sandboxed solutions (--sandbox): Maven 3.9 on Temurin 17 (Ubuntu). It has no Node: the grader's own Node is
   * bind-mounted read-only (SOLUTION_RUNTIME.nodeBinary, npmDir). Untested here: no registry answers.
   */
  solution: 'maven:3.9.9-eclipse-temurin-17',
} as const satisfies Record<ImageRole | 'kafkaUi', string>;

/** Kafka, Toxiproxy, each stack service (stack/services/all.ts: its pin above is required) and the solution runtime. */
export type ImageRole = 'kafka' | 'toxiproxy' | ServiceName | 'solution';

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
