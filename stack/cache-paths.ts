import os from 'node:os';
import path from 'node:path';

/** Where kgrade keeps what it provisions: `KGRADE_CACHE`, else the user's cache directory. */
export function cacheRoot(): string {
  if (process.env.KGRADE_CACHE) return path.resolve(process.env.KGRADE_CACHE);
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'kgrade');
}

export const cachePaths = {
  root: () => cacheRoot(),
  /** Maven local repository shared by provisioning and solution builds. */
  m2: () => path.join(cacheRoot(), 'm2'),
  kafkaLibs: () => path.join(cacheRoot(), 'kafka', 'libs'),
  debeziumPlugin: () => path.join(cacheRoot(), 'connect-plugins', 'debezium-postgres'),
  /** Inside the plugin folder: Connect loads it with Debezium's classes. */
  debeziumManifests: () => path.join(cacheRoot(), 'connect-plugins', 'debezium-postgres', 'kgrade-service-manifests'),
  toxiproxyBin: () => path.join(cacheRoot(), 'bin', 'toxiproxy-server'),
  /** kgrade's own GOPATH (Toxiproxy's modules). */
  goPath: () => path.join(cacheRoot(), 'go'),
  /**
   * The Go caches a sandboxed Go build starts from: `mod/` (module cache) and `build/` (build cache, compiled with
   * -trimpath), filled only by kgrade's own builds (stack/provision/go-build-cache.ts).
   */
  goBuildCaches: () => path.join(cacheRoot(), 'go-build-caches'),
  apicurio: () => path.join(cacheRoot(), 'apicurio'),
  /** Scratch space for stacks (data dirs, logs); each stack takes a subfolder and removes it. */
  runs: () => path.join(cacheRoot(), 'runs'),
  tmp: () => path.join(cacheRoot(), 'tmp'),
};
