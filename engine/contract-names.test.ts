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
    expect(unknownOverrideKeys(defaults, { sink: 'file' })).toEqual([
      'sink "file" (known: none: this exercise has no choice of sink)',
    ]);
  });
  it('gives application ids, subjects, connectors and files the run id and env vars like topics', () => {
    const streams: ContractDefaults = {
      ...defaults,
      applicationIds: { app: 'word-count' },
      subjects: { value: 'news-value' },
      connectors: { source: 'file-source' },
      files: { input: 'input.txt', log: 'trace' },
      envVars: {
        ...defaults.envVars,
        applicationIds: { app: 'KGRADE_APPLICATION_ID' },
        subjects: { value: 'KGRADE_SUBJECT' },
        connectors: { source: 'KGRADE_CONNECTOR' },
        files: { input: 'KGRADE_INPUT_FILE' },
      },
    };
    const names = resolveNames(streams, undefined, 'r1');
    expect(names.applicationIds.app).toBe('word-count-r1');
    expect(names.subjects.value).toBe('news-value-r1');
    expect(names.connectors.source).toBe('file-source-r1');
    expect(names.files).toEqual({ input: 'input-r1.txt', log: 'trace-r1' });
    expect(namesEnv(streams, names)).toEqual({
      KGRADE_TOPIC: 'mytopic-r1',
      KGRADE_GROUP: 'mytopic-reader-r1',
      KGRADE_APPLICATION_ID: 'word-count-r1',
      KGRADE_SUBJECT: 'news-value-r1',
      KGRADE_CONNECTOR: 'file-source-r1',
      KGRADE_INPUT_FILE: 'input-r1.txt',
    });
    const overridden = resolveNames(streams, { applicationIds: { app: 'wc' }, subjects: { value: 'v' } }, 'r1');
    expect(overridden.applicationIds.app).toBe('wc');
    expect(overridden.overridden).toEqual(['applicationIds.app', 'subjects.value']);
    expect(unknownOverrideKeys(streams, { connectors: { sink: 'x' } })).toEqual(['connectors.sink (known: source)']);
  });
  it('leaves a contract without the new kinds as it was (empty name sets, no extra env vars)', () => {
    const names = resolveNames(defaults, undefined, 'r1');
    expect(names).toMatchObject({ applicationIds: {}, subjects: {}, connectors: {}, files: {} });
    expect(unknownOverrideKeys(defaults, { subjects: { value: 'x' } })).toEqual(['subjects.value (known: none)']);
  });
});
