import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createRng } from '../../core/rng.js';
import {
  compileFaultSchedule,
  FAULTS_DIR,
  loadShippedSchedules,
  validateFaultSchedule,
} from './fault-schedule-file.js';

const golden = JSON.parse(
  fs.readFileSync(path.join(import.meta.dirname, 'fault-schedules.golden.json'), 'utf8'),
) as Record<string, unknown[]>;

describe('fault schedules as files', () => {
  it('the shipped files give the very schedules graders used when they were code (seeds 1, 7, 42): same faults, same times', () => {
    const shipped = loadShippedSchedules();
    expect(Object.keys(shipped).sort()).toEqual(Object.keys(golden).sort());
    for (const [name, perSeed] of Object.entries(golden))
      expect(
        [1, 7, 42].map((seed) => shipped[name]!.steps(createRng(seed), { topic: 't', partition: 2 })),
        name,
      ).toEqual(perSeed);
  });
  it('broker control is read from the actions: proxies only, or broker processes', () => {
    const s = loadShippedSchedules();
    expect(Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v.needsBrokerControl]))).toEqual({
      'broker-pause': true,
      'follower-isolation': true,
      'isolated-leader-killed': true,
      'leader-kill': true,
      'reset-responses': false,
      'response-timeout': false,
    });
  });
  it('every problem is listed at once, each naming its step and the fix', () => {
    const doc = parse(`
name: Bad Name
description: x
extra: 1
steps:
  - { atMs: -5, do: kill, on: leader }
  - { atMs: 0, do: explode, on: all }
  - { atMs: 0, do: toxic, on: { followers: 0 } }
  - { atMs: 0, do: toxic, on: all, toxic: { type: lag, stream: sideways, attributes: { latency: "500" } } }
  - { atMs: 0, do: heal, on: all }
`);
    let message = '';
    try {
      validateFaultSchedule(doc, 'bad.yaml');
    } catch (e) {
      message = (e as Error).message;
    }
    for (const part of [
      "unknown key 'extra'",
      "'name' must be a lower-case name with dashes",
      "step 1: 'atMs' must be whole milliseconds",
      "step 2: 'do' must be one of toxic, clear",
      "step 3: 'on' must be leader, all, { followers: N } or { broker: ID }",
      'step 4: toxic type must be one of latency',
      'step 4: toxic stream must be upstream',
      'step 4: toxic attributes must map names to numbers',
      "step 5: heal acts on the whole stack: remove 'on'",
    ])
      expect(message).toContain(part);
  });
  it('a schedule without a start draws nothing from the seed; targets follow the partition it runs on', () => {
    const s = compileFaultSchedule(
      validateFaultSchedule(
        parse(
          '{ name: x, description: y, steps: [ { atMs: 10, do: stop, on: { followers: 1 } }, { atMs: 20, do: latency-free, on: all } ] }'.replace(
            ', { atMs: 20, do: latency-free, on: all }',
            '',
          ),
        ),
      ),
    );
    expect(s.steps(createRng(1), { topic: 'orders', partition: 3 })).toEqual([
      { atMs: 10, action: { kind: 'stop', target: { followersOf: { topic: 'orders', partition: 3 }, count: 1 } } },
    ]);
  });
  it('ships its files where the package puts them', () => {
    expect(fs.existsSync(path.join(FAULTS_DIR, 'leader-kill.yaml'))).toBe(true);
  });
});
