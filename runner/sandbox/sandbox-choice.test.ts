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
    expect(chooseSandbox('auto', { bubblewrap: no('bwrap not found'), container: yes })).toMatchObject({ kind: 'container', reason: expect.stringContaining('bwrap not found') });
    expect(chooseSandbox('external', { bubblewrap: no('bwrap not found'), container: yes })).toMatchObject({ kind: 'container' });
    expect(providerFollowing('auto', 'container')).toBe('docker');
    expect(providerFollowing('auto', 'bubblewrap')).toBe('auto');
    expect(providerFollowing('native', 'bubblewrap')).toBe('native');
  });

  it('a stack whose sandbox cannot run here is a problem with its fix, never a silent switch', () => {
    expect(chooseSandbox('native', { bubblewrap: no('bwrap not found'), container: yes })).toEqual({
      problem: 'the native sandbox (bubblewrap) cannot run here (bwrap not found)',
      hint: 'kgrade setup sandbox, or --stack docker (a container sandbox can run here)',
    });
    expect(chooseSandbox('docker', { container: no('no Docker engine answers'), bubblewrap: yes })).toMatchObject({ hint: 'kgrade setup sandbox, or --stack native (bubblewrap can run here)' });
    const none = chooseSandbox('auto', { bubblewrap: no('bwrap not found'), container: no('no Docker engine answers') });
    expect(none).toMatchObject({ problem: expect.stringContaining('no sandbox can run here'), hint: expect.stringContaining('kgrade setup sandbox') });
  });
});
