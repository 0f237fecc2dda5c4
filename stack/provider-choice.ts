import { commandExists } from '../core/exec.js';
import { offlineTags } from './docker/images/build.js';
import { engineAnswers, imageExists } from './docker/images/docker-cli.js';
import { OFFICIAL_IMAGES, type ImageRole } from './docker/images/official-images.js';
import type { ImageSetName } from './docker/images/versions.js';
import { componentsFor, nativeless, officialOnly } from './services/all.js';
import { isProvisioned } from './provision/component.js';
import type { ProviderName, StackSpec } from './stack-types.js';

export type ImagesChoice = ImageSetName | 'auto';

export interface ProviderChoice {
  provider: ProviderName;
  images?: ImageSetName;
  /** Why, for people: printed by the CLI and `kgrade doctor`. */
  reason: string;
}

/** What a stack needs, as the docker provider sees it: one image role per part. */
export function rolesFor(spec: Pick<StackSpec, 'toxiproxy' | 'services'>): ImageRole[] {
  return ['kafka', ...(spec.toxiproxy ? (['toxiproxy'] as const) : []), ...spec.services];
}

/** What is present on this machine, in plain data (gathered by providerFacts, decided on by decideProvider). */
export interface ProviderFacts {
  engine: boolean;
  /** Roles whose official image this engine already holds. */
  officialPresent: ImageRole[];
  /** Roles whose offline image (tag from the cache's provisioned artifacts) this engine holds. */
  offlinePresent: ImageRole[];
  /** Tools the native provider lacks to provision and run these roles (empty: it can run them). */
  nativeMissing: string[];
}

const list = (roles: ImageRole[]) => roles.join(', ');
const titles = (services: { title: string }[]) => services.map((s) => s.title).join(', ');

/**
 * `--stack auto`: docker when an engine answers and an image set holding every role of this stack is here
 * (official first), else native, which provisions on demand only what the stack needs. An image set asked for
 * by name (`--images official|offline`) means docker: pulled or built on demand. A service without an offline
 * image (ksqlDB) exists only as an official image. Never fails: the provider chosen reports its own trouble when it starts.
 */
export function decideProvider(
  facts: ProviderFacts,
  roles: ImageRole[],
  images: ImagesChoice = 'auto',
): ProviderChoice {
  const nativeNote = facts.nativeMissing.length
    ? ` (it lacks ${facts.nativeMissing.join(', ')}: as root, kgrade setup machine installs them)`
    : '';
  if (!facts.engine) {
    const ignored = images !== 'auto' ? ` (--images ${images} is for docker)` : '';
    const cannot = nativeless(roles);
    if (cannot.length) {
      const vars = cannot.flatMap((s) => Object.keys(s.external ?? {}));
      return {
        provider: 'native',
        reason: `no Docker engine answers${ignored}, and ${titles(cannot)} has no native build: not gradable on this machine (a Docker engine that can pull the official images, or --stack external with ${vars.join(', ')}, makes it gradable)`,
      };
    }
    return {
      provider: 'native',
      reason: `no Docker engine answers${ignored}: native provider (JVM processes), provisioning only ${list(roles)}${nativeNote}`,
    };
  }
  const has = (present: ImageRole[]) => roles.every((r) => present.includes(r));
  if (images !== 'offline' && has(facts.officialPresent))
    return {
      provider: 'docker',
      images: 'official',
      reason: `a Docker engine answers and the official images of ${list(roles)} are here`,
    };
  if (images !== 'official' && has(facts.offlinePresent))
    return {
      provider: 'docker',
      images: 'offline',
      reason: `a Docker engine answers and the offline images of ${list(roles)} are built`,
    };
  const official = officialOnly(roles);
  if (images === 'official' || (images === 'auto' && official.length)) {
    return {
      provider: 'docker',
      images: 'official',
      reason: `a Docker engine answers; the official images of ${list(roles)} will be pulled${images === 'auto' ? ` (${titles(official)} only exists as an official image)` : ''}`,
    };
  }
  if (images === 'offline')
    return {
      provider: 'docker',
      images: 'offline',
      reason: 'a Docker engine answers; the offline image set is built first (`kgrade images build`, once)',
    };
  const lacking = roles.filter((r) => !facts.offlinePresent.includes(r));
  return {
    provider: 'native',
    reason: `a Docker engine answers but no image set holds ${list(lacking)} (\`kgrade images build\` builds the offline set): native provider (JVM processes), provisioning only ${list(roles)}${nativeNote}`,
  };
}

/** Native tools needed for these roles: java to run, and the tools provisioning what is not provisioned yet. */
async function nativeMissing(spec: Pick<StackSpec, 'toxiproxy' | 'services'>): Promise<string[]> {
  const needed = new Set(['java']);
  for (const c of componentsFor({ toxiproxy: spec.toxiproxy, services: spec.services })) {
    if (c.isSystemReady ? await c.isSystemReady() : isProvisioned(c)) continue;
    for (const t of c.requiredTools) needed.add(t.cmd);
  }
  const missing: string[] = [];
  for (const t of needed) if (!(await commandExists(t))) missing.push(t);
  return missing;
}

/** Gathers the facts for these roles: which images the engine holds (never throws). */
export async function providerFacts(
  spec: Pick<StackSpec, 'toxiproxy' | 'services'>,
  roles = rolesFor(spec),
): Promise<ProviderFacts> {
  const engine = await engineAnswers();
  const officialPresent: ImageRole[] = [];
  const offlinePresent: ImageRole[] = [];
  if (engine) {
    const { tags } = offlineTags();
    for (const r of roles) {
      if (await imageExists(OFFICIAL_IMAGES[r]).catch(() => false)) officialPresent.push(r);
      const tag = tags[r];
      if (tag && (await imageExists(tag).catch(() => false))) offlinePresent.push(r);
    }
  }
  return { engine, officialPresent, offlinePresent, nativeMissing: await nativeMissing(spec) };
}

/** `--stack auto` for this stack: facts gathered here, then decideProvider. */
export async function chooseProvider(
  spec: Pick<StackSpec, 'toxiproxy' | 'services'>,
  images: ImagesChoice = 'auto',
): Promise<ProviderChoice> {
  const roles = rolesFor(spec);
  return decideProvider(await providerFacts(spec, roles), roles, images);
}
