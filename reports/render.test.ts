import { describe, it, expect } from 'vitest';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPORT_FORMATS, parseFormats, renderReports, safeFileStem } from './render.js';
import { sampleResult } from './sample-result.js';

describe('parseFormats', () => {
  it('accepts comma or space separated names, case-insensitively, without duplicates', () => {
    expect(parseFormats('html,junit')).toEqual(['html', 'junit']);
    expect(parseFormats(' HTML  junit,html ')).toEqual(['html', 'junit']);
    expect(parseFormats(REPORT_FORMATS.join(','))).toEqual([...REPORT_FORMATS]);
  });

  it('rejects unknown names with a message listing the valid ones', () => {
    expect(() => parseFormats('html,pdf')).toThrow(/Unknown report format "pdf"/);
    expect(() => parseFormats('pdf')).toThrow(/console, json, html, junit, classroom, gradescope/);
    expect(() => parseFormats('  ')).toThrow(/No report format given/);
  });
});

describe('renderReports', () => {
  it('writes every file format into outDir (created) and returns console text', async () => {
    const root = await mkdtemp(join(tmpdir(), 'kgrade-reports-'));
    const outDir = join(root, 'nested', 'out');
    try {
      const result = sampleResult();
      const reports = await renderReports(result, { formats: [...REPORT_FORMATS], outDir, lang: 'en', color: false });

      expect(reports.map((r) => r.format)).toEqual([...REPORT_FORMATS]);
      expect(reports[0]!.text).toContain('Exercise: Idempotent producer');
      expect(reports[0]!.path).toBeUndefined();

      const files = (await readdir(outDir)).sort();
      expect(files).toEqual(
        [
          'classroom-ex03-idempotent-producer.json',
          'junit-ex03-idempotent-producer.xml',
          'kgrade-ex03-idempotent-producer.html',
          'kgrade-ex03-idempotent-producer.json',
          'results.json',
        ].sort(),
      );
      for (const r of reports.slice(1)) expect(r.path?.startsWith(outDir)).toBe(true);

      const json = JSON.parse(await readFile(join(outDir, 'kgrade-ex03-idempotent-producer.json'), 'utf8'));
      expect(json).toEqual(result);
      const gradescope = JSON.parse(await readFile(join(outDir, 'results.json'), 'utf8'));
      expect(gradescope.score).toBe(3);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('does not create outDir for console only', async () => {
    const root = await mkdtemp(join(tmpdir(), 'kgrade-reports-'));
    try {
      const outDir = join(root, 'never');
      const reports = await renderReports(sampleResult(), { formats: ['console'], outDir, lang: 'fr', color: false });
      expect(reports).toHaveLength(1);
      await expect(readdir(outDir)).rejects.toThrow();
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('makes exercise ids safe as file names', () => {
    expect(safeFileStem('ex01/../../etc')).toBe('ex01_.._.._etc');
    expect(safeFileStem('..')).toBe('_');
  });
});
