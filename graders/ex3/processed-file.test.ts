import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProcessedLine, processedRecords, ProcessedFileWatcher } from './processed-file.js';

describe('processed file (ex3 "sink": "file")', () => {
  it('reads a JSON line, and the whole line after a fragment a kill -9 left', () => {
    expect(parseProcessedLine('{"id":"a","offset":3}')).toEqual({ id: 'a', offset: 3 });
    expect(parseProcessedLine('{"id":"b","ty{"id":"c","type":"LIKE"}')).toEqual({ id: 'c', type: 'LIKE' });
    expect(parseProcessedLine('not json')).toBeUndefined();
    expect(parseProcessedLine('[1,2]')).toBeUndefined();
  });

  it('numbers lines as offsets and times them by processedAtMs when given', () => {
    const r = processedRecords(['{"id":"a","processedAtMs":5}', '{"id":"b"}'], 10, 99);
    expect(r.map((x) => [x.offset, x.timestampMs, x.json?.id])).toEqual([
      [10, 5, 'a'],
      [11, 99, 'b'],
    ]);
  });

  it('tails the file: complete lines only, across appends, and cleans up', async () => {
    const w = new ProcessedFileWatcher(
      path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kgrade-ex3-test-')), 'processed.jsonl'),
    );
    await w.start();
    fs.appendFileSync(w.file, '{"id":"a"}\n{"id":"b"');
    expect(w.records().map((r) => r.json?.id)).toEqual(['a']);
    fs.appendFileSync(w.file, ',"x":1}\n');
    expect(w.records().map((r) => [r.offset, r.json?.id])).toEqual([
      [0, 'a'],
      [1, 'b'],
    ]);
    await w.stop();
    expect(fs.existsSync(w.file)).toBe(false);
  });
});
