import { ensureComponent, isProvisioned, type Component, type Progress } from './component.js';
import {
  apicurioComponent,
  debeziumComponent,
  debeziumManifestsComponent,
  kafkaComponent,
  postgresComponent,
  toxiproxyComponent,
} from './components.js';
import { goBuildCacheComponent } from './go-build-cache.js';

export const ALL_COMPONENTS: Component[] = [
  kafkaComponent,
  toxiproxyComponent,
  debeziumComponent,
  debeziumManifestsComponent,
  apicurioComponent,
  postgresComponent,
  goBuildCacheComponent,
];

/** Idempotent: installs what is missing or incomplete, in order, and says so. */
export async function provision(components: Component[], progress: Progress): Promise<void> {
  for (const c of components) await ensureComponent(c, progress);
}

export async function provisionStatus(): Promise<
  { name: string; description: string; ready: boolean; path: string }[]
> {
  return Promise.all(
    ALL_COMPONENTS.map(async (c) => ({
      name: c.name,
      description: c.describe(),
      ready: c.isSystemReady ? await c.isSystemReady() : isProvisioned(c),
      path: c.target(),
    })),
  );
}

export function stderrProgress(message: string): void {
  process.stderr.write(`kgrade: ${message}\n`);
}
