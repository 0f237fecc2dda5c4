import { GraderError } from '../core/errors.js';
import { runningStackUp } from './running-stack.js';
import { pickServices, servicesFromEnv, type StackServices } from './services/all.js';

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
      services: servicesFromEnv(env),
    };
  }
  const s = runningStackUp();
  if (s) {
    return {
      bootstrapServers: s.bootstrapServers,
      directBootstrapServers: s.directBootstrapServers,
      toxiproxyUrl: s.toxiproxyUrl,
      services: pickServices(s),
    };
  }
  throw new GraderError('BAD_USAGE', '--stack external needs a running cluster', {
    hint: 'start one with `kgrade stack up` (in another terminal) or `docker compose up -d`, and for the latter set KGRADE_BOOTSTRAP_SERVERS=localhost:9092 (optionally KGRADE_TOXIPROXY_URL, KGRADE_SCHEMA_REGISTRY_URL, KGRADE_CONNECT_URL)',
  });
}
