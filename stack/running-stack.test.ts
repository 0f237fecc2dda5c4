import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decideStackUp, runningStackUp, type StackUpState } from './running-stack.js';

const up = (over: Partial<StackUpState> = {}): StackUpState => ({
  pid: process.pid,
  provider: 'native',
  bootstrapServers: '127.0.0.1:1',
  directBootstrapServers: '127.0.0.1:2',
  toxiproxyUrl: 'http://127.0.0.1:3',
  ...over,
});

describe('a running `kgrade stack up` under --stack auto', () => {
  it('serves an exercise it covers, and says what it is', () => {
    expect(decideStackUp(up(), { brokers: 1, toxiproxy: true, services: [] }, [])).toEqual({
      reuse: true,
      summary: 'native, 1 broker(s), Toxiproxy',
    });
    expect(
      decideStackUp(up({ registryUrl: 'http://r' }), { brokers: 1, toxiproxy: false, services: ['registry'] }, []),
    ).toMatchObject({ reuse: true, summary: 'native, 1 broker(s), Toxiproxy, registry' });
  });

  it('is not used, with the command that would make it usable, when brokers, Toxiproxy or a service lack', () => {
    const d = decideStackUp(
      up({ toxiproxyUrl: undefined }),
      { brokers: 3, toxiproxy: true, services: ['connect', 'postgres'] },
      [],
    );
    expect(d.reuse).toBe(false);
    if (d.reuse) return;
    expect(d.why).toContain('`kgrade stack up --brokers 3`');
    expect(d.why).toContain('Toxiproxy (it was started with --no-toxiproxy)');
    expect(d.why).toContain('`kgrade stack up --with connect,postgres`');
  });

  it('is never used by an exercise that stops brokers: those checks would be skipped on it', () => {
    const d = decideStackUp(
      up({ directBootstrapServers: 'a:1,b:2,c:3' }),
      { brokers: 3, toxiproxy: true, services: [] },
      ['ex1 critical-acks-all'],
    );
    expect(d).toMatchObject({ reuse: false });
    expect(d.reuse ? '' : d.why).toContain('broker control for ex1 critical-acks-all');
  });

  it('ignores a state file whose process is gone, or no file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kgrade-stack-up-'));
    const file = path.join(dir, 'stack-up.json');
    expect(runningStackUp(file)).toBeUndefined();
    fs.writeFileSync(file, JSON.stringify(up({ pid: 2 ** 22 + 7 })));
    expect(runningStackUp(file)).toBeUndefined();
    fs.writeFileSync(file, JSON.stringify(up()));
    expect(runningStackUp(file)?.pid).toBe(process.pid);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
