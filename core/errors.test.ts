import { describe, expect, it } from 'vitest';
import { FAILURE_KIND_BY_CODE, GraderError, type GraderErrorCode, UsageError } from './errors.js';

describe('GraderError.retriable: one table by code', () => {
  it('retries the stack, a service, a port, a registry and our own bugs; nothing a retry meets again', () => {
    const transient = Object.entries(FAILURE_KIND_BY_CODE)
      .filter(([, k]) => k === 'transient')
      .map(([c]) => c)
      .sort();
    expect(transient).toEqual([
      'INTERNAL',
      'PORT_UNAVAILABLE',
      'REGISTRY_UNREACHABLE',
      'SERVICE_DIED',
      'SERVICE_START_TIMEOUT',
      'STACK_NOT_READY',
    ]);
    expect(FAILURE_KIND_BY_CODE.BAD_USAGE).toBe('permanent');
    expect(FAILURE_KIND_BY_CODE.MISSING_TOOL).toBe('permanent');
    expect(FAILURE_KIND_BY_CODE.PROVISION_FAILED).toBe('permanent');
    expect(FAILURE_KIND_BY_CODE.SERVICE_UNAVAILABLE).toBe('final');
    expect(FAILURE_KIND_BY_CODE.BAD_MANIFEST).toBe('final');
  });

  it("reads an error's retriable from its code, which only a cause can take away", () => {
    for (const [code, kind] of Object.entries(FAILURE_KIND_BY_CODE) as [GraderErrorCode, string][])
      expect(new GraderError(code, 'm', { hint: 'h' }).retriable, code).toBe(kind === 'transient');
    expect(new GraderError('REGISTRY_UNREACHABLE', 'refused', { hint: 'h', retriable: false }).retriable).toBe(false);
    expect(new GraderError('BAD_USAGE', 'm', { hint: 'h', retriable: false }).retriable).toBe(false);
    expect(new UsageError('bad flag', 'fix it').retriable).toBe(false);
  });
});
