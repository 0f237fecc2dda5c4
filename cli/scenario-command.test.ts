import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkScenarioFile, renderExperiment } from './scenario-command.js';

describe('kgrade scenario', () => {
  test('check tells a fault schedule from a workload shape, and names the problems of a bad file', () => {
    expect(checkScenarioFile('scenarios/faults/leader-kill.yaml')).toBe(
      "fault schedule 'leader-kill': 2 steps, starting 700-1500 ms in (drawn from the seed)",
    );
    expect(checkScenarioFile('scenarios/workloads/news-paced.yaml')).toMatch(
      /^workload 'news-paced': 1 topic\(s\) x 3 partition\(s\), 2000 records\/s/,
    );
    const bad = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kgrade-scn-')), 'bad.yaml');
    fs.writeFileSync(bad, 'name: x\ndescription: y\nsteps:\n  - { atMs: 0, do: stop, on: leaders }\n');
    expect(() => checkScenarioFile(bad)).toThrow(
      /step 1: 'on' must be leader, all, \{ followers: N \} or \{ broker: ID \}, got "leaders"/,
    );
    expect(() => checkScenarioFile(path.join(path.dirname(bad), 'missing.yaml'))).toThrow(/not found/);
  });
  test('run shows the faults, what the producer was told and what the brokers hold', () => {
    const text = renderExperiment(
      {
        scenario: 'isolated-leader-killed',
        description: 'the leader is cut, then killed',
        timeline: [
          { atMs: 342, action: 'replication-down', brokers: [1] },
          { atMs: 2400, action: 'kill', brokers: [1] },
        ],
        writes: { acked: 300, failed: 0, unknown: 2 },
        held: 233,
        lost: ['a-14', 'a-19'],
        lostCount: 67,
        duplicates: [],
        duplicateCount: 0,
        reorderedCount: 0,
        presentThoughFailedCount: 0,
        unknownPresent: 1,
        unknownMissing: 1,
        exit: { code: 0, signal: null } as never,
      },
      {
        lang: 'en',
        seed: 7,
        replay: 'kgrade scenario run isolated-leader-killed --solution /s --seed 7',
        score: 'fail',
        summary: '67 acknowledged lost',
      },
    );
    expect(text).toContain('+  342 ms  replication-down   broker 1');
    expect(text).toContain('300 acknowledged, 0 failed, 2 without an outcome; exit code 0');
    expect(text).toContain('233 records; 67 acknowledged lost (a-14, a-19, ...); 0 duplicated; 0 reordered');
    expect(text).toContain('without an outcome: 1 written anyway, 1 absent');
    expect(text).toContain('✘ 67 acknowledged lost');
  });
});
