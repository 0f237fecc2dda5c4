import fs from 'node:fs';
import path from 'node:path';
import { GraderError } from '../../../core/errors.js';
import { cachePaths } from '../../cache-paths.js';
import { hashOf, type Progress } from '../../provision/component.js';
import {
  apicurioComponent,
  debeziumComponent,
  debeziumManifestsComponent,
  kafkaComponent,
  toxiproxyComponent,
} from '../../provision/components.js';
import { provision } from '../../provision/provision.js';
import { withFileLock } from '../../provision/file-lock.js';
import { baseTag, ensureBaseImage } from './debian-base.js';
import { docker, imageExists, requireEngine } from './docker-cli.js';
import { stageHostNode } from './host-node.js';
import type { RoleRecipe } from '../../services/image-recipe.js';
import { ROLE_RECIPES } from './role-recipes.js';
import { OFFICIAL_IMAGES } from './official-images.js';
import { OFFLINE_RECIPE } from './versions.js';
import { officialOnly } from '../../services/all.js';
import { isUnavailable } from '../../services/stack-service.js';

export type OfflineRole = RoleRecipe['role'];
const STAMP = '.kgrade-complete';

/** The artifacts the offline images copy: the same the native provider provisions. */
const ARTIFACT_COMPONENTS = [
  kafkaComponent,
  toxiproxyComponent,
  debeziumComponent,
  debeziumManifestsComponent,
  apicurioComponent,
];

function stampOf(dir: string): string | undefined {
  const file = path.join(dir, STAMP);
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : undefined;
}

export interface OfflineTags {
  /** Role -> tag, for each role whose artifacts (and parent's) are provisioned. */
  tags: Partial<Record<OfflineRole, string>>;
  /** Roles without a tag yet, and the provisioned folder each lacks. */
  missing: { role: OfflineRole; artifact: string }[];
}

/**
 * Tag of each role image from its inputs: parent tag, recipe text, and the stamps (input hashes) of its artifacts.
 * Never throws: a role whose artifacts are not provisioned has no tag (it has no image either), and says why.
 */
export function offlineTags(): OfflineTags {
  const tags: Partial<Record<OfflineRole, string>> = {};
  const missing: OfflineTags['missing'] = [];
  for (const r of ROLE_RECIPES) {
    const from = r.from === 'base' ? baseTag() : tags[r.from];
    if (!from) {
      missing.push({ role: r.role, artifact: missing.find((m) => m.role === r.from)?.artifact ?? r.from });
      continue;
    }
    const stamps = Object.entries(r.artifacts).map(([k, dir]) => ({ k, dir: dir(), stamp: stampOf(dir()) }));
    const absent = stamps.find((s) => s.stamp === undefined);
    if (absent) {
      missing.push({ role: r.role, artifact: absent.dir });
      continue;
    }
    const inputs = [
      from,
      r.dockerfile(from),
      ...Object.entries(r.files).flat(),
      ...stamps.map((s) => `${s.k}=${s.stamp}`),
    ];
    tags[r.role] = `${OFFLINE_RECIPE.repository}/${r.role}:${hashOf(...inputs)}`;
  }
  return { tags, missing };
}

/**
 * Builds (once; cached by tag) the offline image set without any container registry: a debootstrapped Debian
 * root imported as the base, then one `docker build` per role. Returns role -> tag.
 */
export async function buildOfflineImages(progress: Progress): Promise<Record<string, string>> {
  await requireEngine();
  await provision(ARTIFACT_COMPONENTS, progress);
  return withFileLock(path.join(cachePaths.root(), 'locks', 'images.lock'), async () => {
    stageHostNode();
    const computed = offlineTags();
    if (computed.missing.length) {
      throw new GraderError(
        'PROVISION_FAILED',
        `${computed.missing.map((m) => m.artifact).join(', ')} not provisioned after provisioning`,
        { hint: 'run `kgrade stack provision --with all`, then `kgrade images build` again' },
      );
    }
    const tags = computed.tags as Record<OfflineRole, string>;
    const missing: RoleRecipe[] = [];
    for (const r of ROLE_RECIPES) if (!(await imageExists(tags[r.role]))) missing.push(r);
    if (missing.length === 0) return { ...tags };
    const base = await ensureBaseImage(progress);
    for (const r of missing) {
      const t = Date.now();
      progress(`building ${tags[r.role]}...`);
      await buildRole(r, r.from === 'base' ? base : tags[r.from], tags[r.role]);
      progress(`built ${tags[r.role]} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }
    return { ...tags };
  });
}

async function buildRole(r: RoleRecipe, from: string, tag: string): Promise<void> {
  fs.mkdirSync(cachePaths.tmp(), { recursive: true });
  const ctx = fs.mkdtempSync(path.join(cachePaths.tmp(), `image-${r.role}-`));
  try {
    fs.writeFileSync(path.join(ctx, 'Dockerfile'), r.dockerfile(from));
    for (const [file, content] of Object.entries(r.files)) {
      fs.mkdirSync(path.dirname(path.join(ctx, file)), { recursive: true });
      fs.writeFileSync(path.join(ctx, file), content, { mode: file.endsWith('.sh') ? 0o755 : 0o644 });
    }
    for (const [dest, dir] of Object.entries(r.artifacts)) {
      fs.cpSync(dir(), path.join(ctx, dest), { recursive: true, filter: (src) => path.basename(src) !== STAMP });
    }
    const network = r.buildNetwork ? ['--network', r.buildNetwork] : [];
    await docker(
      ['build', '-q', ...network, '--label', 'kgrade.offline=true', '-t', tag, ctx],
      `build the ${r.role} image`,
      { timeoutMs: 20 * 60_000, env: { ...process.env, DOCKER_BUILDKIT: '0' } },
    );
  } finally {
    fs.rmSync(ctx, { recursive: true, force: true });
  }
}

export interface ImageListing {
  role: string;
  official: string;
  /** The offline tag its current inputs give, or why there is none. */
  offline: string;
  offlinePresent: boolean;
}

/** Each role: its official reference and its offline tag (built or not), without building anything. */
export async function listImages(engine = true): Promise<ImageListing[]> {
  const { tags, missing } = offlineTags();
  const rows: ImageListing[] = [];
  for (const role of Object.keys(OFFICIAL_IMAGES) as (keyof typeof OFFICIAL_IMAGES)[]) {
    const tag = (tags as Record<string, string | undefined>)[role];
    const lacks = missing.find((m) => m.role === role);
    const none = officialOnly([role])[0]?.container.offline;
    const offline =
      tag ??
      (none && isUnavailable(none)
        ? none.unavailable
        : role === 'kafkaUi'
          ? '(compose only: no offline image)'
          : `(no tag yet: ${lacks?.artifact ?? '?'} is not provisioned; \`kgrade images build\` provisions and builds)`);
    rows.push({
      role,
      official: OFFICIAL_IMAGES[role],
      offline,
      offlinePresent: tag && engine ? await imageExists(tag) : false,
    });
  }
  return rows;
}
