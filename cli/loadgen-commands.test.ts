import { describe, expect, it } from 'vitest';
import { needsLoadgenHeap } from './loadgen-commands.js';

describe('needsLoadgenHeap', () => {
  it('asks for a re-run when no young-generation size was given', () => {
    expect(needsLoadgenHeap([], undefined)).toBe(true);
    expect(needsLoadgenHeap(['--enable-source-maps'], '--max-old-space-size=4096')).toBe(true);
  });
  it('takes the size given on the command line or in NODE_OPTIONS, in either spelling', () => {
    expect(needsLoadgenHeap(['--max-semi-space-size=64'], undefined)).toBe(false);
    expect(needsLoadgenHeap([], '--inspect --max_semi_space_size=32')).toBe(false);
  });
});
