import { describe, expect, it } from 'vitest';
import { chooseSandbox, providerFollowing } from './sandbox-choice.js';

const yes = { usable: true };
const no = (why: string) => ({ usable: false, why });

describe('the sandbox follows the stack', () => {
  it('docker: a container; native: bubblewrap; auto: bubblewrap where it runs, else a container', () => {
    const both = { bubblewrap: yes, container: yes };
    expect(chooseSandbox('docker', both)).toMatchObject({ kind: 'container' });
    expect(chooseSandbox('native', both)).toMatchObject({ kind: 'bubblewrap' });
    expect(chooseSandbox('auto', both)).toMatchObject({ kind: 'bubblewrap' });
    expect(chooseSandbox('auto', { bubblewrap: no('bwrap not found'), container: yes })).toMatchObject({
      kind: 'container',
      reason: expect.stringContaining('bwrap not found'),
    });
    expect(chooseSandbox('external', { bubblewrap: no('bwrap not found'), container: yes })).toMatchObject({
      kind: 'container',
    });
    expect(providerFollowing('auto', 'container')).toBe('docker');
    expect(providerFollowing('auto', 'bubblewrap')).toBe('auto');
    expect(providerFollowing('native', 'bubblewrap')).toBe('native');
  });

  it('a stack whose sandbox cannot run here is a problem with its fix, never a silent switch', () => {
    expect(chooseSandbox('native', { bubblewrap: no('bwrap not found'), container: yes })).toEqual({
      problem: 'the native sandbox (bubblewrap) cannot run here (bwrap not found)',
      hint: 'kgrade setup sandbox, or --stack docker (a container sandbox can run here)',
    });
    const noEngine = { usable: false, why: 'no Docker engine answers', fix: 'as root: kgrade setup docker' };
    expect(chooseSandbox('docker', { container: noEngine, bubblewrap: yes })).toMatchObject({
      hint: 'as root: kgrade setup docker, or --stack native (bubblewrap can run here)',
    });
    const noImage = { usable: false, why: 'no solution runtime image built', fix: 'kgrade images build' };
    expect(chooseSandbox('docker', { container: noImage, bubblewrap: no('bwrap not found') })).toEqual({
      problem: 'the container sandbox cannot run here (no solution runtime image built)',
      hint: 'kgrade images build',
    });
    expect(chooseSandbox('auto', { bubblewrap: no('bwrap not found'), container: noImage })).toEqual({
      problem: 'no sandbox can run here: bubblewrap (bwrap not found), container (no solution runtime image built)',
      hint: 'kgrade setup sandbox (bubblewrap), or kgrade images build (the container sandbox)',
    });
  });
});
