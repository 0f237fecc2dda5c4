import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../core/wait-for.js';
import { groupMembers } from '../readers/groups.js';
import type { StartedKafkaStack } from '../../stack/started-stack.js';
import { sharedStack } from '../../stack/shared-stack.js';
import { evictDeadMembers } from './evict-members.js';

/** A kafkajs consumer in a process of its own (so it can really be killed -9), with a 30 s session. */
const CONSUMER = `
const { Kafka, logLevel } = require('kafkajs');
const [brokers, topic, group] = process.argv.slice(1);
const kafka = new Kafka({ clientId: 'evict-test', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
const c = kafka.consumer({ groupId: group, sessionTimeout: 30000, heartbeatInterval: 1000 });
c.on(c.events.GROUP_JOIN, () => console.log('JOINED'));
(async () => { await c.connect(); await c.subscribe({ topic, fromBeginning: true }); await c.run({ eachMessage: async () => {} }); })();
`;

describe('evictDeadMembers against real brokers', () => {
  let stack: StartedKafkaStack;
  let child: ChildProcess | undefined;
  const topic = `evict-${Date.now().toString(36)}`;
  beforeAll(async () => {
    stack = await sharedStack({ brokers: 1 });
    const admin = await stack.admin();
    await admin.createTopics({ topics: [{ topic, numPartitions: 2, replicationFactor: 1 }], waitForLeaders: true });
  }, 120_000);
  afterAll(() => {
    child?.kill('SIGKILL');
  });

  it('removes a member killed with SIGKILL at once, instead of after its 30 s session', async () => {
    const group = `${topic}-group`;
    child = spawn(process.execPath, ['-e', CONSUMER, stack.directBootstrapServers, topic, group], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child!.stdout!.on('data', (d: Buffer) => d.toString().includes('JOINED') && resolve());
      child!.on('exit', (code) => reject(new Error(`the test consumer exited (${code})`)));
    });
    expect((await groupMembers(stack, group, topic)).members).toHaveLength(1);
    child.removeAllListeners('exit');
    child.kill('SIGKILL');
    await new Promise((r) => child!.once('exit', r));
    // Dead, but still a member: its session has 30 s to run.
    expect((await groupMembers(stack, group, topic)).members).toHaveLength(1);

    const [eviction] = await evictDeadMembers(stack, [group]);
    expect(eviction).toEqual({ group, evicted: 1 });
    // Well within the 30 s session: only the eviction can have emptied the group.
    await waitFor(async () => (await groupMembers(stack, group, topic)).members.length === 0, {
      timeoutMs: 5000,
      intervalMs: 100,
      what: 'group empty',
    });
  }, 60_000);

  it('a group with no member, or no such group, evicts nobody and reports no error', async () => {
    const [e] = await evictDeadMembers(stack, [`${topic}-nobody`]);
    expect(e).toEqual({ group: `${topic}-nobody`, evicted: 0 });
  });
});
