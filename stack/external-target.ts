import fs from 'node:fs';
import path from 'node:path';
import { GraderError } from '../core/errors.js';
import { cachePaths } from './cache-paths.js';
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

export function stackUpStateFile(): string {
  return path.join(cachePaths.root(), 'stack-up.json');
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
  const file = stackUpStateFile();
  if (fs.existsSync(file)) {
    const s = JSON.parse(fs.readFileSync(file, 'utf8')) as { pid: number; bootstrapServers: string; directBootstrapServers: string; toxiproxyUrl?: string } & StackServices;
    try {
      process.kill(s.pid, 0);
      return { bootstrapServers: s.bootstrapServers, directBootstrapServers: s.directBootstrapServers, toxiproxyUrl: s.toxiproxyUrl, services: { registryUrl: s.registryUrl, connectUrl: s.connectUrl, ksqldbUrl: s.ksqldbUrl, postgres: s.postgres, connectFiles: s.connectFiles } };
    } catch {
      /* that stack is gone */
    }
  }
  throw new GraderError('BAD_USAGE', '--stack external needs a running cluster', {
    hint: 'start one with `kgrade stack up` (in another terminal) or `docker compose up -d`, and for the latter set KGRADE_BOOTSTRAP_SERVERS=localhost:9092 (optionally KGRADE_TOXIPROXY_URL, KGRADE_SCHEMA_REGISTRY_URL, KGRADE_CONNECT_URL)',
  });
}
