import { GraderError } from '../../core/errors.js';
import { buildOfflineImages } from './images/build.js';
import { docker, imageExists } from './images/docker-cli.js';
import { KSQLDB_OFFLINE_MESSAGE, OFFICIAL_IMAGES, type ImageRole, type ImageSetName } from './images/versions.js';
import type { Progress } from '../provision/component.js';
import { debeziumComponent } from '../provision/components.js';
import { provision } from '../provision/provision.js';
import type { StackSpec } from '../stack-types.js';
import { KSQLDB } from '../services/ksqldb/ksqldb.js';

/** The images a docker stack runs, and what differs between the two image sets. */
export interface ImageSet {
  name: ImageSetName;
  images: Partial<Record<ImageRole, string>>;
  /** Official: Confluent's registry (root URL). Offline: Apicurio, whose Confluent API is under /apis/ccompat/v7. */
  registryKind: 'confluent' | 'apicurio';
  /** Official: the Debezium plugin is bind-mounted from kgrade's cache into the Kafka image. */
  debeziumMount?: string;
  /** Official: Apache's image keeps the FileStream connectors off the default classpath. */
  connectClasspath?: string;
}

export async function resolveImageSet(name: ImageSetName, spec: StackSpec, progress: Progress): Promise<ImageSet> {
  if (name === 'offline') {
    if (spec.services.includes('ksqldb')) {
      throw new GraderError('SERVICE_UNAVAILABLE', KSQLDB_OFFLINE_MESSAGE, { hint: KSQLDB.howToGrade });
    }
    return { name, images: await buildOfflineImages(progress), registryKind: 'apicurio' };
  }
  const kafkaVersion = OFFICIAL_IMAGES.kafka.split(':')[1];
  let debeziumMount: string | undefined;
  if (spec.services.includes('connect')) {
    await provision([debeziumComponent], progress);
    debeziumMount = debeziumComponent.target();
  }
  const roles: ImageRole[] = ['kafka', ...(spec.toxiproxy ? (['toxiproxy'] as const) : []), ...spec.services];
  for (const ref of new Set(roles.map((r) => OFFICIAL_IMAGES[r]))) await ensurePulled(ref, progress);
  return { name, images: { ...OFFICIAL_IMAGES }, registryKind: 'confluent', debeziumMount, connectClasspath: `/opt/kafka/libs/connect-file-${kafkaVersion}.jar` };
}

/** Pulls an official image once, with a clear error where no registry is reachable. */
async function ensurePulled(ref: string, progress: Progress): Promise<void> {
  if (await imageExists(ref)) return;
  progress(`pulling ${ref}...`);
  try {
    await docker(['pull', '-q', ref], `pull ${ref}`, { timeoutMs: 20 * 60_000 });
  } catch (e) {
    throw new GraderError('PROVISION_FAILED', `could not pull ${ref}: no container registry reachable from this Docker engine?`, {
      hint: 'use the offline image set (--images offline; `kgrade images build` makes it), or --stack native',
      retriable: true,
      logTail: (e as GraderError).logTail,
      cause: e,
    });
  }
}
