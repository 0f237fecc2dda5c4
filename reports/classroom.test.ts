import { describe, it, expect } from 'vitest';
import { classroomResultBase64, renderClassroom, toClassroom } from './classroom.js';
import { buildErrorResult, crashResult, notGradableResult, sampleResult } from './sample-result.js';

describe('GitHub Classroom result', () => {
  const doc = JSON.parse(renderClassroom(sampleResult(), { lang: 'en' }));

  it('has the result-object fields', () => {
    expect(doc.version).toBe(1);
    expect(['pass', 'fail', 'error']).toContain(doc.status);
    expect(doc.max_score).toBe(12);
    expect(doc.tests).toHaveLength(5);
    for (const test of doc.tests) {
      expect(Object.keys(test)).toEqual(
        expect.arrayContaining(['name', 'status', 'message', 'line_no', 'execution_time', 'score']),
      );
      expect(test.line_no).toBe(0);
      expect(test.execution_time).toMatch(/^\d+\.\d{2}s$/);
      expect(['pass', 'fail', 'error']).toContain(test.status);
    }
  });

  it('sums test scores to the run score and maps statuses', () => {
    const total = doc.tests.reduce((acc: number, x: { score: number }) => acc + x.score, 0);
    expect(total).toBe(3);
    expect(doc.tests.map((x: { status: string }) => x.status)).toEqual(['pass', 'fail', 'error', 'error', 'fail']);
    expect(doc.status).toBe('error');
    expect(doc.tests[0].name).toBe('produce-all: All messages are produced');
    expect(doc.tests[1].message).toContain('Hint: Check enable.idempotence');
    expect(doc.tests[0].execution_time).toBe('1.20s');
  });

  it('is "fail" when nothing errored, "pass" when all passed', () => {
    const r = sampleResult();
    r.verdicts = r.verdicts.filter((v) => v.status === 'pass' || v.status === 'fail');
    expect(toClassroom(r).status).toBe('fail');
    r.verdicts = r.verdicts.filter((v) => v.status === 'pass');
    expect(toClassroom(r).status).toBe('pass');
  });

  it('reports a not-gradable run as an error with an infrastructure test', () => {
    const ng = toClassroom(notGradableResult(), { lang: 'fr' });
    expect(ng.status).toBe('error');
    expect(ng.tests).toHaveLength(1);
    expect(ng.tests[0]).toMatchObject({ name: 'infrastructure', status: 'error', score: 0 });
    expect(ng.tests[0]!.message).toContain('STACK_START_FAILED');
  });

  it('encodes the reporter input as base64 JSON', () => {
    const decoded = JSON.parse(Buffer.from(classroomResultBase64(sampleResult()), 'base64').toString('utf8'));
    expect(decoded.max_score).toBe(12);
  });

  it('carries the cause of a run that did not build in the first message, "not run" in the others', () => {
    const b = toClassroom(buildErrorResult(), { lang: 'en' });
    expect(b.status).toBe('error');
    expect(b.tests[0]!.message).toContain('The solution does not build');
    expect(b.tests[0]!.message).toContain('src/main/java/fr/course/Main.java:64:34 cannot find symbol');
    expect(b.tests.slice(1).map((x) => x.message)).toEqual(Array(4).fill('not run: the solution does not build'));
    expect(toClassroom(crashResult(), { lang: 'fr' }).tests[0]!.message).toContain(
      'Cause première : Caused by: org.apache.kafka.common.config.ConfigException',
    );
  });

  it('is what the reporter reads from <RUNNER>_RESULTS once base64-decoded', () => {
    const decoded = JSON.parse(
      Buffer.from(classroomResultBase64(buildErrorResult(), { lang: 'en' }), 'base64').toString('utf8'),
    );
    expect(decoded).toEqual(toClassroom(buildErrorResult(), { lang: 'en' }));
  });
});
