import { GraderError } from '../core/errors.js';
import { runningStackUp } from './running-stack.js';
import type { StackServices } from './started-stack.js';

/** Where an already running stack is: flags/env, or what `kgrade stack up` left in the cache. */
export interface ExternalTarget {
  /** What solutions use (through proxies when there are some). */
  bootstrapServers: string;
  /** What the grader observes on (defaults to bootstrapServers). */
  directBootstrapServers?: string;
  toxiproxyUrl?: string;
  services: StackServices;
}

/** The target of `--stack external`: KGRADE_BOOTSTRAP_SERVERS (and friends), else a running `kgrade stack up`. */
export function externalTargetFromEnv(env = process.env): ExternalTarget {
  if (env.KGRADE_BOOTSTRAP_SERVERS) {
    return {
      bootstrapServers: env.KGRADE_BOOTSTRAP_SERVERS,
      toxiproxyUrl: env.KGRADE_TOXIPROXY_URL,
      services: { registryUrl: env.KGRADE_SCHEMA_REGISTRY_URL, connectUrl: env.KGRADE_CONNECT_URL, ksqldbUrl: env.KGRADE_KSQLDB_URL },
    };
  }
  const s = runningStackUp();
  if (s) {
    return { bootstrapServers: s.bootstrapServers, directBootstrapServers: s.directBootstrapServers, toxiproxyUrl: s.toxiproxyUrl, services: { registryUrl: s.registryUrl, connectUrl: s.connectUrl, ksqldbUrl: s.ksqldbUrl, postgres: s.postgres, connectFiles: s.connectFiles } };
  }
  throw new GraderError('BAD_USAGE', '--stack external needs a running cluster', {
    hint: 'start one with `kgrade stack up` (in another terminal) or `docker compose up -d`, and for the latter set KGRADE_BOOTSTRAP_SERVERS=localhost:9092 (optionally KGRADE_TOXIPROXY_URL, KGRADE_SCHEMA_REGISTRY_URL, KGRADE_CONNECT_URL)',
  });
}
