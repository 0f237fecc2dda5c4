/**
 * The docker provider's container images, for the CLI (`kgrade images`, `kgrade doctor`): the provider itself
 * stays private to stack/.
 */
export { buildOfflineImages, listImages, offlineTags, type ImageListing } from './docker/images/build.js';
export { engineAnswers, imageExists } from './docker/images/docker-cli.js';
import { STACK_SERVICES } from './services/all.js';
import { isUnavailable } from './services/stack-service.js';

/** Stack services the offline image set cannot hold, and why (ksqlDB). */
export function withoutOfflineImage(): { name: string; why: string }[] {
  return STACK_SERVICES.flatMap((s) =>
    isUnavailable(s.container.offline) ? [{ name: s.name, why: s.container.offline.unavailable }] : [],
  );
}
export { solutionRuntime, type SolutionRuntime } from './docker/images/solution-image.js';
