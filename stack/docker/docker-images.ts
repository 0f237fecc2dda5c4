import { GraderError } from '../../core/errors.js';
import { buildOfflineImages } from '../../images/build.js';
import { KSQLDB_OFFLINE_MESSAGE, OFFICIAL_IMAGES, type ImageRole, type ImageSetName } from '../../images/versions.js';
import type { Progress } from '../provision/component.js';
import { debeziumComponent } from '../provision/components.js';
import { provision } from '../provision/provision.js';
import type { StackSpec } from '../stack-types.js';

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
      throw new GraderError('STACK_NOT_READY', KSQLDB_OFFLINE_MESSAGE, {
        hint: 'grade ksqlDB exercises with --stack docker --images official on a machine that can pull confluentinc/ksqldb-server',
      });
    }
    return { name, images: await buildOfflineImages(progress), registryKind: 'apicurio' };
  }
  const kafkaVersion = OFFICIAL_IMAGES.kafka.split(':')[1];
  let debeziumMount: string | undefined;
  if (spec.services.includes('connect')) {
    await provision([debeziumComponent], progress);
    debeziumMount = debeziumComponent.target();
  }
  return { name, images: { ...OFFICIAL_IMAGES }, registryKind: 'confluent', debeziumMount, connectClasspath: `/opt/kafka/libs/connect-file-${kafkaVersion}.jar` };
}
