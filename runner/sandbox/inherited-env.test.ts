import { describe, expect, it } from 'vitest';
import { inheritedEnv } from './inherited-env.js';

describe('the environment an unsandboxed solution inherits', () => {
  it('leaves out what Vitest set for itself when the grader runs under it', () => {
    const env = inheritedEnv({
      VITEST: 'true',
      VITEST_POOL_ID: '1',
      VITEST_MODE: 'RUN',
      NODE_ENV: 'test',
      TEST: 'true',
      PATH: '/usr/bin',
      HOME: '/home/t',
    });
    expect(env).toEqual({ PATH: '/usr/bin', HOME: '/home/t' });
  });

  it('passes on everything outside Vitest, a NODE_ENV a user set included', () => {
    expect(inheritedEnv({ NODE_ENV: 'test', TEST: 'true', PATH: '/usr/bin' })).toEqual({
      NODE_ENV: 'test',
      TEST: 'true',
      PATH: '/usr/bin',
    });
  });

  it('keeps a NODE_ENV other than test under Vitest', () => {
    expect(inheritedEnv({ VITEST: 'true', NODE_ENV: 'production' })).toEqual({ NODE_ENV: 'production' });
  });

  it('is what this very test process would hand a solution: no test-mode NODE_ENV', () => {
    expect(inheritedEnv(process.env).NODE_ENV).not.toBe('test');
  });
});
