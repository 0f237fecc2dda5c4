import { GraderError } from '../../../core/errors.js';
import type { Progress } from '../../provision/component.js';
import { buildOfflineImages, offlineTags } from './build.js';
import { imageExists } from './docker-cli.js';
import { hostNode } from './host-node.js';
import { BASE_IMAGES, SOLUTION_RUNTIME } from './versions.js';

/** The image a sandboxed solution runs in, and the host files it needs mounted read-only (host path -> container path). */
export interface SolutionRuntime {
  image: string;
  set: 'offline' | 'official';
  readonlyMounts: { source: string; target: string }[];
}

/**
 * The solution runtime image: the offline one when this engine holds it (`kgrade images build`), else the
 * official reference when present, else the offline set is built. The official image has no Node: the grader's own is mounted where the
 * offline image has it.
 */
export async function solutionRuntime(progress: Progress = () => {}): Promise<SolutionRuntime> {
  const offline = offlineTags().tags.solution;
  if (offline && (await imageExists(offline))) return { image: offline, set: 'offline', readonlyMounts: [] };
  if (await imageExists(BASE_IMAGES.solution)) {
    const node = hostNode();
    return {
      image: BASE_IMAGES.solution,
      set: 'official',
      readonlyMounts: [
        { source: node.binary, target: SOLUTION_RUNTIME.nodeBinary },
        ...(node.npm ? [{ source: node.npm, target: SOLUTION_RUNTIME.npmDir }] : []),
      ],
    };
  }
  // Neither is here: build the offline set (cached by tag), as a docker stack on the offline set does.
  const built = (await buildOfflineImages(progress)).solution;
  if (built) return { image: built, set: 'offline', readonlyMounts: [] };
  throw new GraderError('MISSING_TOOL', 'no solution runtime image for the container sandbox', {
    hint: `run \`kgrade images build\` (offline set), or \`docker pull ${BASE_IMAGES.solution}\` where a registry answers`,
  });
}
