import { describe, expect, it } from 'vitest';
import { backoffMs, classifyFailure } from './retry-policy.js';

describe('cohort retry policy', () => {
  it('stops at once on what a retry cannot change', () => {
    expect(classifyFailure([{ code: 'PROVISION_FAILED' }])).toBe('permanent');
    expect(classifyFailure([{ code: 'MISSING_TOOL' }])).toBe('permanent');
    expect(classifyFailure([{ code: 'SERVICE_DIED' }, { code: 'BAD_USAGE' }])).toBe('permanent');
    for (const code of ['UNKNOWN_EXERCISE', 'STACK_CONTROL_UNAVAILABLE'])
      expect(classifyFailure([{ code, retriable: false }])).toBe('permanent');
  });

  it('records at once, never retried, what a retry meets again in this grading only', () => {
    expect(classifyFailure([{ code: 'SERVICE_UNAVAILABLE', retriable: false }])).toBe('final');
    expect(classifyFailure([{ code: 'BAD_MANIFEST' }])).toBe('final');
    expect(classifyFailure([{ code: 'SERVICE_DIED' }, { code: 'SERVICE_UNAVAILABLE' }])).toBe('final');
  });

  it('retries what may pass on a second attempt', () => {
    for (const code of [
      'STACK_NOT_READY',
      'SERVICE_DIED',
      'SERVICE_START_TIMEOUT',
      'PORT_UNAVAILABLE',
      'REGISTRY_UNREACHABLE',
      'INTERNAL',
      'A_CODE_OF_A_LATER_KGRADE',
    ])
      expect(classifyFailure([{ code }])).toBe('transient');
    expect(classifyFailure([])).toBe('transient');
  });

  it("never retries a build the sandbox's allow-list refused (its cause says so), still retries a registry down", () => {
    expect(classifyFailure([{ code: 'REGISTRY_UNREACHABLE', retriable: false }])).toBe('final');
    expect(classifyFailure([{ code: 'REGISTRY_UNREACHABLE', retriable: true }])).toBe('transient');
    expect(classifyFailure([{ code: 'REGISTRY_UNREACHABLE' }])).toBe('transient'); // a record written before the field
    // retriable is no default any more (its code's kind, narrowed by a cause): false on any transient code is a cause
    expect(classifyFailure([{ code: 'STACK_NOT_READY', retriable: false }])).toBe('final');
    expect(classifyFailure([{ code: 'REGISTRY_UNREACHABLE', retriable: false }, { code: 'BAD_USAGE' }])).toBe(
      'permanent',
    );
  });

  it('backs off, doubling, capped', () => {
    expect([1, 2, 3, 4, 5, 9].map((a) => backoffMs(a, 1000))).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
    expect(backoffMs(3, 0)).toBe(0);
  });
});
