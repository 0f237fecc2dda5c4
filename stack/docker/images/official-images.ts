import { STACK_SERVICES, type ServiceName } from '../../services/all.js';
import { BASE_IMAGES } from './versions.js';

/** Kafka, Toxiproxy, each registered stack service and the solution runtime. */
export type ImageRole = 'kafka' | 'toxiproxy' | ServiceName | 'solution';

/** Every official image: the stack's own and the sandbox's (versions.ts), then each service's (its module's pin). */
export const OFFICIAL_IMAGES: Readonly<Record<ImageRole | 'kafkaUi', string>> = {
  kafka: BASE_IMAGES.kafka,
  toxiproxy: BASE_IMAGES.toxiproxy,
  ...(Object.fromEntries(STACK_SERVICES.map((s) => [s.name, s.container.official])) as Record<ServiceName, string>),
  kafkaUi: BASE_IMAGES.kafkaUi,
  solution: BASE_IMAGES.solution,
};
