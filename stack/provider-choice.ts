import { offlineTags } from '../images/build.js';
import { engineAnswers, imageExists } from '../images/docker-cli.js';
import { OFFICIAL_IMAGES, type ImageSetName } from '../images/versions.js';
import type { ProviderName } from './stack-types.js';

export type ImagesChoice = ImageSetName | 'auto';

export interface ProviderChoice {
  provider: ProviderName;
  images?: ImageSetName;
  /** Why, for people: printed by the CLI and `kgrade doctor`. */
  reason: string;
}

async function allPresent(refs: string[]): Promise<boolean> {
  for (const r of refs) if (!(await imageExists(r))) return false;
  return true;
}

/**
 * `--stack auto`: docker when an engine answers (official images when they are here or can be pulled, else the
 * offline set if built), else native. `--images` narrows the docker choice.
 */
export async function chooseProvider(images: ImagesChoice = 'auto'): Promise<ProviderChoice> {
  if (!(await engineAnswers())) return { provider: 'native', reason: 'no Docker engine answers: native provider (JVM processes)' };
  const official = [OFFICIAL_IMAGES.kafka, OFFICIAL_IMAGES.toxiproxy];
  const offline = Object.values(offlineTags());
  if (images !== 'offline' && (await allPresent(official))) return { provider: 'docker', images: 'official', reason: 'a Docker engine answers and the official images are present' };
  if (images !== 'official' && (await allPresent(offline))) return { provider: 'docker', images: 'offline', reason: 'a Docker engine answers; official images cannot be used here, the offline images are built' };
  if (images === 'official') return { provider: 'docker', images: 'official', reason: 'a Docker engine answers; official images asked for (they will be pulled)' };
  return { provider: 'native', reason: 'a Docker engine answers but no image set is available (build one with `kgrade images build`): native provider' };
}
