import { GraderError } from '../../core/errors.js';
import { buildOfflineImages } from './images/build.js';
import { docker, imageExists } from './images/docker-cli.js';
import { OFFICIAL_IMAGES, type ImageRole } from './images/official-images.js';
import type { ImageSetName } from './images/versions.js';
import type { Progress } from '../provision/component.js';
import { debeziumComponent, debeziumManifestsComponent } from '../provision/components.js';
import { provision } from '../provision/provision.js';
import type { StackSpec } from '../stack-types.js';
import { officialOnly } from '../services/all.js';
import { isUnavailable, type ImageSetFacts } from '../services/stack-service.js';

/** The images a docker stack runs, and what differs between the two image sets. */
export interface ImageSet extends ImageSetFacts {
  name: ImageSetName;
  images: Partial<Record<ImageRole, string>>;
}

export async function resolveImageSet(name: ImageSetName, spec: StackSpec, progress: Progress): Promise<ImageSet> {
  if (name === 'offline') {
    for (const s of officialOnly(spec.services)) {
      if (isUnavailable(s.container.offline))
        throw new GraderError('SERVICE_UNAVAILABLE', s.container.offline.unavailable, {
          hint: s.container.offline.hint,
        });
    }
    return { name, images: await buildOfflineImages(progress), registryKind: 'apicurio' };
  }
  const kafkaVersion = OFFICIAL_IMAGES.kafka.split(':')[1];
  let debeziumMount: string | undefined;
  if (spec.services.includes('connect')) {
    await provision([debeziumComponent, debeziumManifestsComponent], progress);
    debeziumMount = debeziumComponent.target();
  }
  const roles: ImageRole[] = ['kafka', ...(spec.toxiproxy ? (['toxiproxy'] as const) : []), ...spec.services];
  for (const ref of new Set(roles.map((r) => OFFICIAL_IMAGES[r]))) await ensurePulled(ref, progress);
  return {
    name,
    images: { ...OFFICIAL_IMAGES },
    registryKind: 'confluent',
    debeziumMount,
    connectClasspath: `/opt/kafka/libs/connect-file-${kafkaVersion}.jar`,
  };
}

/** Pulls an official image once, with a clear error where no registry is reachable. */
async function ensurePulled(ref: string, progress: Progress): Promise<void> {
  if (await imageExists(ref)) return;
  progress(`pulling ${ref}...`);
  try {
    await docker(['pull', '-q', ref], `pull ${ref}`, { timeoutMs: 20 * 60_000 });
  } catch (e) {
    throw new GraderError(
      'PROVISION_FAILED',
      `could not pull ${ref}: no container registry reachable from this Docker engine?`,
      {
        hint: 'use the offline image set (--images offline; `kgrade images build` makes it), or --stack native',
        logTail: (e as GraderError).logTail,
        cause: e,
      },
    );
  }
}
