import kafkajs from 'kafkajs';
import type { StartedKafkaStack } from '../../stack/started-stack.js';

const { AssignerProtocol } = kafkajs;

/** A group's committed offset per partition of `topic` (partitions it never committed are absent). */
export async function committedOffsets(
  stack: StartedKafkaStack,
  group: string,
  topic: string,
): Promise<Map<number, number>> {
  const admin = await stack.admin();
  const [t] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
  return new Map(
    (t?.partitions ?? []).filter((p) => Number(p.offset) >= 0).map((p) => [p.partition, Number(p.offset)]),
  );
}

/** The end offset (next offset to be written) of each partition of a topic. */
export async function endOffsets(stack: StartedKafkaStack, topic: string): Promise<Map<number, number>> {
  return new Map((await stack.topicOffsets(topic)).map((o) => [o.partition, Number(o.high)]));
}

export interface GroupMembers {
  state: string;
  /** Each member and the partitions of `topic` it was assigned (none for a non-consumer protocol). */
  members: { id: string; partitions: number[] }[];
}

/** A group's state and its members' assignments on one topic. */
export async function groupMembers(stack: StartedKafkaStack, group: string, topic: string): Promise<GroupMembers> {
  const admin = await stack.admin();
  const { groups } = await admin.describeGroups([group]);
  const g = groups[0]!;
  return {
    state: g.state,
    members: g.members.map((m) => {
      let partitions: number[] = [];
      try {
        const a = AssignerProtocol.MemberAssignment.decode(m.memberAssignment);
        partitions = [...(a?.assignment[topic] ?? [])].sort((x, y) => x - y);
      } catch {
        /* a non-consumer protocol: no partitions to show */
      }
      return { id: m.memberId, partitions };
    }),
  };
}

/**
 * Records none of `groups` has committed past: per partition, the smallest lag among the groups (a record
 * counts as consumed once any of them committed it).
 */
export async function smallestLag(stack: StartedKafkaStack, topic: string, groups: string[]): Promise<number> {
  const ends = await endOffsets(stack, topic);
  const committed = await Promise.all(groups.map((g) => committedOffsets(stack, g, topic)));
  let lag = 0;
  for (const [p, end] of ends) lag += Math.min(...committed.map((c) => Math.max(0, end - (c.get(p) ?? 0))));
  return lag;
}
