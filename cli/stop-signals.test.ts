import { describe, expect, it } from 'vitest';
import { stackLeftRunning, stopSignals, type StopSignalsIo } from './stop-signals.js';

function fakeIo() {
  const lines: string[] = [];
  const exits: number[] = [];
  const handlers = new Map<string, Set<(s: NodeJS.Signals) => void>>();
  const io: StopSignalsIo = {
    write: (l) => lines.push(l),
    exit: (c) => exits.push(c),
    on: (s, h) => handlers.set(s, new Set([...(handlers.get(s) ?? []), h])),
    off: (s, h) => handlers.get(s)?.delete(h),
  };
  const send = (s: NodeJS.Signals) => {
    for (const h of handlers.get(s) ?? []) h(s);
  };
  return { io, lines, exits, handlers, send };
}

describe('stop signals of kgrade stack up', () => {
  it('installs one handler per signal, asks for a stop on the first, exits at once on the second', async () => {
    const f = fakeIo();
    const signals = stopSignals(
      { leftRunning: () => '2 process(es) (pids 10, 11)', cleanUp: 'the reaper kills them' },
      f.io,
    );
    expect([...f.handlers.values()].map((h) => h.size)).toEqual([1, 1]);
    f.send('SIGINT');
    await signals.requested;
    expect(f.exits).toEqual([]);
    expect(f.lines).toEqual(['kgrade: SIGINT: stopping (Ctrl-C again to exit at once)']);
    f.send('SIGTERM');
    expect(f.exits).toEqual([130]);
    expect(f.lines[1]).toBe(
      'kgrade: SIGTERM again: exiting before the stop ended; still running: 2 process(es) (pids 10, 11); the reaper kills them',
    );
    signals.dispose();
    expect([...f.handlers.values()].map((h) => h.size)).toEqual([0, 0]);
  });

  it('says so when nothing was left', () => {
    const f = fakeIo();
    const signals = stopSignals({ leftRunning: () => undefined, cleanUp: 'x' }, f.io);
    signals.handle('SIGINT');
    signals.handle('SIGINT');
    expect(f.lines[1]).toMatch(/nothing was left running$/);
    expect(f.exits).toEqual([130]);
  });

  it('names what each provider leaves and who removes it', () => {
    const native = stackLeftRunning({ provider: 'native', brokerIds: [1], services: [], alivePids: [41, 42] });
    expect(native.leftRunning).toBe('2 process(es) of the native stack (pids 41, 42)');
    expect(native.cleanUp).toMatch(/reaper/);
    expect(stackLeftRunning({ provider: 'native', brokerIds: [1], services: [], alivePids: [] }).leftRunning).toBe(
      undefined,
    );
    const docker = stackLeftRunning({
      provider: 'docker',
      brokerIds: [1, 2, 3],
      services: ['toxiproxy', 'registry'],
      alivePids: [],
    });
    expect(docker.leftRunning).toBe("the docker stack's broker(s) 1, 2, 3 and toxiproxy, registry");
    expect(docker.cleanUp).toMatch(/janitor removes its containers/);
  });
});
