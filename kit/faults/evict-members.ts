import type { StartedKafkaStack } from '../../stack/started-stack.js';
import { platformaticKafka } from '../../stack/wire/platformatic.js';

/** What an eviction did to one group: members removed, or why none was. */
export interface Eviction {
  group: string;
  evicted: number;
  /** Set when the brokers refused or did not answer: the group then waits for the dead members' sessions. */
  error?: string;
}

/**
 * After a `kill -9`: removes the dead members of each group at once (LeaveGroup sent on their behalf, what the
 * Admin API's removeMembersFromConsumerGroup does), as an operator would. A killed consumer never says goodbye,
 * so without this its group holds its partitions and every rebalance until its `session.timeout.ms` expires
 * (10 to 45 s), and a restarted instance waits that long before it consumes anything. Nothing about commits
 * changes: the offsets a group committed stay where they were.
 *
 * Call it only once every member of the groups is dead: it removes every member. Best effort, bounded: an error
 * is returned (never thrown) and the group falls back to expiring the sessions itself.
 */
export async function evictDeadMembers(
  stack: StartedKafkaStack,
  groups: string[],
  timeoutMs = 5000,
): Promise<Eviction[]> {
  const { Admin } = await platformaticKafka();
  const admin = new Admin({
    clientId: 'kgrade-evictor',
    bootstrapBrokers: stack.directBootstrapServers.split(','),
    timeout: timeoutMs,
    retries: 2,
  });
  try {
    return await Promise.all(groups.map((group) => bounded(evictFrom(stack, admin, group), timeoutMs, group)));
  } finally {
    await admin.close().catch(() => undefined);
  }
}

type PlatformaticAdmin = InstanceType<Awaited<ReturnType<typeof platformaticKafka>>['Admin']>;

async function evictFrom(stack: StartedKafkaStack, admin: PlatformaticAdmin, group: string): Promise<Eviction> {
  try {
    // The members come from kafkajs's DescribeGroups: @platformatic/kafka's decodes each member's metadata and
    // throws, out of any promise, on some clients' (an uncaught exception that would end the grader).
    const { groups: described } = await (await stack.admin()).describeGroups([group]);
    const members = (described[0]?.members ?? []).map((m) => m.memberId);
    if (!members.length) return { group, evicted: 0 };
    await admin.removeMembersFromConsumerGroup({
      groupId: group,
      members: members.map((memberId) => ({ memberId, reason: 'kgrade: member killed with kill -9' })),
    });
    return { group, evicted: members.length };
  } catch (e) {
    return { group, evicted: 0, error: (e as Error).message };
  }
}

function bounded(p: Promise<Eviction>, ms: number, group: string): Promise<Eviction> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Eviction>((resolve) => {
    timer = setTimeout(() => resolve({ group, evicted: 0, error: `no answer within ${ms} ms` }), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}
