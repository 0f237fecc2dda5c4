import { GraderError } from '../../../core/errors.js';
import { execCapture, tail, type ExecOptions } from '../../../core/exec.js';

export const DOCKER_HINT = 'start a Docker engine (as root: kgrade setup docker), or use --stack native';

/** Runs the docker CLI; throws a GraderError with the output's tail when it fails. */
export async function docker(args: string[], what: string, opts: ExecOptions = {}): Promise<string> {
  let r: Awaited<ReturnType<typeof execCapture>>;
  try {
    r = await execCapture('docker', args, opts);
  } catch (e) {
    throw new GraderError('MISSING_TOOL', `the docker CLI is not installed (needed to ${what})`, {
      hint: DOCKER_HINT,
      cause: e,
    });
  }
  if (r.code !== 0) {
    throw new GraderError('PROVISION_FAILED', `docker ${args[0]} failed: could not ${what}`, {
      hint: DOCKER_HINT,
      logTail: tail(r.stdout + r.stderr),
    });
  }
  return r.stdout.trim();
}

export async function engineAnswers(): Promise<boolean> {
  try {
    return (await execCapture('docker', ['info', '--format', '{{.ServerVersion}}'], { timeoutMs: 10_000 })).code === 0;
  } catch {
    return false;
  }
}

export async function requireEngine(): Promise<void> {
  if (!(await engineAnswers())) {
    throw new GraderError('MISSING_TOOL', 'no Docker engine answers', { hint: DOCKER_HINT });
  }
}

export async function imageExists(ref: string): Promise<boolean> {
  return (await execCapture('docker', ['image', 'inspect', '--format', '{{.Id}}', ref])).code === 0;
}
