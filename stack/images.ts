/**
 * The docker provider's container images, for the CLI (`kgrade images`, `kgrade doctor`): the provider itself
 * stays private to stack/.
 */
export { buildOfflineImages, listImages, offlineTags, type ImageListing } from './docker/images/build.js';
export { engineAnswers, imageExists } from './docker/images/docker-cli.js';
export { KSQLDB_OFFLINE_MESSAGE } from './docker/images/versions.js';
export { solutionRuntime, type SolutionRuntime } from './docker/images/solution-image.js';
