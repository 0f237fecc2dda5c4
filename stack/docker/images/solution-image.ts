import { GraderError } from '../../../core/errors.js';
import { offlineTags } from './build.js';
import { imageExists } from './docker-cli.js';
import { hostNode } from './host-node.js';
import { OFFICIAL_IMAGES, SOLUTION_RUNTIME } from './versions.js';

/** The image a sandboxed solution runs in, and the host files it needs mounted read-only (host path -> container path). */
export interface SolutionRuntime {
  image: string;
  set: 'offline' | 'official';
  readonlyMounts: { source: string; target: string }[];
}

/**
 * The solution runtime image: the offline one when this engine holds it (`kgrade images build`), else the
 * official reference when present. The official image has no Node: the grader's own is mounted where the
 * offline image has it.
 */
export async function solutionRuntime(): Promise<SolutionRuntime> {
  const offline = offlineTags().tags.solution;
  if (offline && (await imageExists(offline))) return { image: offline, set: 'offline', readonlyMounts: [] };
  if (await imageExists(OFFICIAL_IMAGES.solution)) {
    const node = hostNode();
    return {
      image: OFFICIAL_IMAGES.solution,
      set: 'official',
      readonlyMounts: [{ source: node.binary, target: SOLUTION_RUNTIME.nodeBinary }, ...(node.npm ? [{ source: node.npm, target: SOLUTION_RUNTIME.npmDir }] : [])],
    };
  }
  throw new GraderError('MISSING_TOOL', 'no solution runtime image for the container sandbox', {
    hint: `run \`kgrade images build\` (offline set), or \`docker pull ${OFFICIAL_IMAGES.solution}\` where a registry answers`,
  });
}
