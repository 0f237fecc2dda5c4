import { describe, expect, test } from 'vitest';
import { sampleResult } from '../reports/sample-result.js';
import { exerciseById } from '../graders/registry.js';
import { buildCohortModel, recordKey } from '../cohort/cohort-model.js';
import { fakeRecord } from '../cohort/testing/fake-records.js';
// @ts-expect-error plain JavaScript shipped for CI (no types)
import { cohortSummary, gradeSummary } from './job-summary.mjs';

describe('CI job summary', () => {
  test('a grading is one table row per check with its points and observed evidence', () => {
    const r = sampleResult();
    const md: string = gradeSummary(r, 'en');
    expect(md.split('\n')[0]).toBe(`### ${r.exercise.id}: ${r.exercise.title.en} — ${r.score}/${r.maxScore}`);
    expect(md.match(/^\| (✅|❌|💥|⚠️|⏭️) \|/gm)).toHaveLength(r.verdicts.length);
    expect(md).toContain(`Replay: \`${r.replayCommand}\``);
  });

  test('student text cannot break the table or inject HTML', () => {
    const r = sampleResult();
    r.verdicts[0]!.evidence.summary = { fr: 'a|b', en: 'a|b\n<img src=x>' };
    const md: string = gradeSummary(r, 'en');
    expect(md).toContain('a\\|b &lt;img src=x&gt;');
  });

  test('a merged cohort names missing shards and results, then one row per student', () => {
    const ex = exerciseById('ex0');
    const records = new Map([[recordKey('ana', 'ex0'), fakeRecord(ex, { id: 'ana', name: 'Ana' }, 'pass')]]);
    const model = buildCohortModel({
      exercises: [ex],
      students: [
        { id: 'ana', name: 'Ana' },
        { id: 'bob', name: 'Bob' },
      ],
      records,
      rowProblems: [],
      similarity: { threshold: 0.8, pairs: [] },
      lang: 'en',
      generatedAt: 'now',
    });
    const md: string = cohortSummary(model, {
      shardCount: 2,
      shardsMissing: [2],
      missing: [{ studentId: 'bob', exerciseId: 'ex0', shard: 2 }],
    });
    expect(md).toContain('### Cohort: 2 students, 1 graded, 1 missing, 0 not gradable, 0 rows not graded');
    expect(md).toContain('**Missing shards:** 2/2');
    expect(md).toContain('**Missing results:** bob ex0');
    expect(md).toMatch(/^\| Ana \(ana\) \| \d+\/\d+ \| \d+\/\d+ \(100%\) \|$/m);
    expect(md).toContain('| Bob (bob) | missing | 0/0 |');
  });
});
