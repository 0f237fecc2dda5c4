import { describe, expect, it } from 'vitest';
import { replayCommand, replaySolution, shellWord } from './replay-command.js';

const local = { cwd: '/home/ana/work', env: {} };

describe('replay command', () => {
  it('names the current folder as . and any other folder by its absolute path', () => {
    expect(replaySolution({ solution: '.', ...local })).toBe('.');
    expect(replaySolution({ solution: '/home/ana/work', ...local })).toBe('.');
    expect(replaySolution({ solution: 'ex6', ...local })).toBe('/home/ana/work/ex6');
    expect(replaySolution({ solution: '../../elsewhere/ex5', ...local })).toBe('/home/elsewhere/ex5');
  });

  it('in CI keeps a folder inside the checkout relative to it (the student has that path, not the runner)', () => {
    const ci = { cwd: '/home/runner/work/repo', env: { CI: 'true' } };
    expect(replaySolution({ solution: 'solutions/ex1', ...ci })).toBe('solutions/ex1');
    expect(replaySolution({ solution: '/tmp/elsewhere', ...ci })).toBe('/tmp/elsewhere');
  });

  it('names a git source by its URL at the graded commit', () => {
    expect(replaySolution({ solution: 'https://git.example/a/ex1.git#main', git: true, commit: 'abc123' })).toBe(
      'https://git.example/a/ex1.git#abc123',
    );
    expect(replaySolution({ solution: 'file:///srv/ex1.git', git: true })).toBe('file:///srv/ex1.git');
  });

  it('quotes a path a shell would split', () => {
    expect(shellWord("/home/ana/my work/it's")).toBe(`'/home/ana/my work/it'\\''s'`);
    expect(
      replayCommand({ exerciseId: 'ex0', solution: 'my sol', seed: 7, sandbox: true, stack: 'native', ...local }),
    ).toBe("kgrade grade ex0 --solution '/home/ana/work/my sol' --seed 7 --sandbox --stack native");
  });
});
