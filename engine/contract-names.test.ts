import { describe, expect, it } from 'vitest';
import { namesEnv, resolveNames, unknownOverrideKeys } from './contract-names.js';
import type { ContractDefaults } from './exercise.js';

const defaults: ContractDefaults = {
  topics: { main: 'mytopic' },
  groups: { reader: 'mytopic-reader' },
  endpoints: { sync: 'POST /sync' },
  envVars: { topics: { main: 'KGRADE_TOPIC' }, groups: { reader: 'KGRADE_GROUP' } },
};

describe('contract names', () => {
  it('adds the run id to defaults and passes them through the contract env vars', () => {
    const names = resolveNames(defaults, undefined, 'r1');
    expect(names.topics.main).toBe('mytopic-r1');
    expect(namesEnv(defaults, names)).toEqual({ KGRADE_TOPIC: 'mytopic-r1', KGRADE_GROUP: 'mytopic-reader-r1' });
  });
  it('uses overrides exactly and records them', () => {
    const names = resolveNames(defaults, { topics: { main: 'news' }, endpoints: { sync: 'POST /api/sync' } }, 'r1');
    expect(names.topics.main).toBe('news');
    expect(names.endpoints.sync).toBe('POST /api/sync');
    expect(names.overridden).toEqual(['topics.main']);
  });
  it('flags override keys the contract does not know', () => {
    expect(unknownOverrideKeys(defaults, { topics: { mian: 'x' } })).toEqual(['topics.mian (known: main)']);
  });
  it('accepts a sink only where the exercise offers a choice', () => {
    expect(unknownOverrideKeys({ ...defaults, sinks: ['topic', 'file'] }, { sink: 'file' })).toEqual([]);
    expect(unknownOverrideKeys(defaults, { sink: 'file' })).toEqual(['sink "file" (known: none: this exercise has no choice of sink)']);
  });
});
