import { describe, expect, it } from 'vitest';
import { hostToolchains, pathWithToolchains } from './host-toolchains.js';

const fakeFs = (files: string[], links: Record<string, string> = {}) => ({
  exists: (p: string) => files.includes(p),
  realpath: (p: string) => links[p] ?? p,
});

describe('host toolchains shown to a sandbox', () => {
  it('finds Go through a link on PATH and shows its whole root', () => {
    const f = fakeFs(['/usr/local/bin/go', '/opt/go1.26/VERSION', '/opt/go1.26/bin/go'], {
      '/usr/local/bin/go': '/opt/go1.26/bin/go',
    });
    expect(hostToolchains('/usr/local/bin:/usr/bin', f)).toEqual([
      { tool: 'go', root: '/opt/go1.26', bin: '/opt/go1.26/bin' },
    ]);
  });
  it('ignores a go that is not a Go distribution (no VERSION beside bin/), and relative PATH entries', () => {
    expect(hostToolchains('bin:/usr/bin', fakeFs(['bin/go', '/usr/bin/go']))).toEqual([]);
  });
  it('puts the bin folders first, once', () => {
    expect(
      pathWithToolchains('/usr/local/bin:/usr/bin:/bin', [
        { tool: 'go', root: '/usr/local/go', bin: '/usr/local/go/bin' },
      ]),
    ).toBe('/usr/local/go/bin:/usr/local/bin:/usr/bin:/bin');
    expect(pathWithToolchains('/a:/b', [])).toBe('/a:/b');
  });
});
