import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GraderError } from '../../core/errors.js';
import { portAnswers } from '../../core/ports.js';
import { isAlive } from '../../core/process-groups.js';
import { waitFor } from '../../core/wait-for.js';
import { KafkaStack } from '../kafka-stack.js';

describe('native stack lifecycle', () => {
  it('stop() leaves no process and no port behind', async () => {
    const stack = await new KafkaStack().withProvider('native').withToxiproxy().start();
    const ports = stack.brokers
      .flatMap((b) => [b.endpoint.proxied, b.endpoint.direct])
      .map((a) => Number(a.split(':')[1]));
    expect(await portAnswers(ports[0]!)).toBe(true);
    await stack.stop();
    for (const p of ports) expect(await portAnswers(p), `port ${p} still answers`).toBe(false);
  });

  it('a grader killed with SIGKILL leaves no stack process behind (reaper)', async () => {
    const script = path.join(import.meta.dirname, '..', 'testing', 'start-and-wait.mts');
    const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    const info = await waitFor(
      () => (out.includes('\n') ? (JSON.parse(out.split('\n')[0]!) as { pids: number[]; dir: string }) : undefined),
      { timeoutMs: 120_000, what: 'the child stack' },
    );
    expect(info.pids.every(isAlive)).toBe(true);
    child.kill('SIGKILL');
    await waitFor(() => info.pids.every((p) => !isAlive(p)) && !fs.existsSync(info.dir), {
      timeoutMs: 10_000,
      what: 'the reaper to clean up',
    });
  });

  it('a broker that cannot start gives a typed error with its log tail', async () => {
    const err = await new KafkaStack()
      .withProvider('native')
      .withBrokerHeap('1k')
      .start()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GraderError);
    const g = err as GraderError;
    expect(['SERVICE_DIED', 'STACK_NOT_READY']).toContain(g.code);
    expect(g.logTail).toMatch(/heap/i);
    expect(g.hint.length).toBeGreaterThan(10);
  });
});
