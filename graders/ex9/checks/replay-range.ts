import { delay } from '../../../core/wait-for.js';
import type { CheckDefinition, Judgement } from '../../../engine/exercise.js';
import { fail, pass } from '../../../kit/judging/judgement.js';
import { readAll } from '../../../kit/readers/topic-reader.js';
import type { ExitInfo } from '../../../runner/solution-process.js';
import { EX9_RULES } from '../contract.js';
import type { Ex9Prepared } from '../prepare.js';
import { commitGroupOffsets } from '../../../kit/group-offsets.js';
import { runRole } from '../../../kit/solution/role.js';

export interface ReplayObs {
  group: string;
  fromMs: number;
  /** Ids the group must read again: written at or after fromMs. */
  expected: string[];
  /** Ids the group would read again from its committed offsets after the replay role ran. */
  redelivered: string[];
  /** Records of other runs the group would read again too. */
  otherRecords: number;
  committedBefore: Record<number, string>;
  committedAfter: Record<number, string>;
  exit: ExitInfo;
}

export function judgeReplay(o: ReplayObs): Judgement {
  const want = new Set(o.expected);
  const got = new Set(o.redelivered);
  const missing = o.expected.filter((id) => !got.has(id));
  const extra = o.redelivered.filter((id) => !want.has(id));
  const data = {
    ...o,
    missing: missing.slice(0, 10),
    missingCount: missing.length,
    extra: extra.slice(0, 10),
    extraCount: extra.length + o.otherRecords,
  };
  if (got.size === 0) {
    return fail(
      {
        fr: `Après le rejeu, le groupe « ${o.group} » ne relirait rien : ses offsets sont restés en fin de topic (avant : ${JSON.stringify(o.committedBefore)}, après : ${JSON.stringify(o.committedAfter)}). Réinitialisez les offsets de ce groupe-là, à la date demandée.`,
        en: `After the replay, group "${o.group}" would read nothing again: its offsets stayed at the end of the topic (before: ${JSON.stringify(o.committedBefore)}, after: ${JSON.stringify(o.committedAfter)}). Reset that group's offsets, to the requested time.`,
      },
      data,
    );
  }
  if (missing.length || extra.length || o.otherRecords) {
    return fail(
      {
        fr: `Le groupe « ${o.group} » relirait ${got.size + o.otherRecords} message(s) au lieu des ${want.size} écrits depuis ${new Date(o.fromMs).toISOString()} (${missing.length} manquant(s), ${extra.length + o.otherRecords} en trop).`,
        en: `Group "${o.group}" would read ${got.size + o.otherRecords} record(s) again instead of the ${want.size} written since ${new Date(o.fromMs).toISOString()} (${missing.length} missing, ${extra.length + o.otherRecords} extra).`,
      },
      data,
    );
  }
  return pass(
    {
      fr: `Le groupe « ${o.group} » relira exactement les ${want.size} messages écrits depuis l'instant demandé.`,
      en: `Group "${o.group}" will read exactly the ${want.size} records written since the requested time again.`,
    },
    data,
  );
}

export const replayRange: CheckDefinition<Ex9Prepared, ReplayObs> = {
  id: 'replay-range',
  title: { fr: 'Rejouer une plage de données pour un groupe', en: 'Replay a range of data for a group' },
  points: 3,
  hint: {
    fr: "Consommateur, question 2 : inutile de créer un nouveau groupe ; réinitialisez les offsets du groupe existant (kafka-consumer-groups --reset-offsets --to-datetime, ou AdminClient.alterConsumerGroupOffsets) à l'instant voulu, groupe arrêté.",
    en: "Consumer, question 2: no need for a new group; reset the existing group's offsets (kafka-consumer-groups --reset-offsets --to-datetime, or AdminClient.alterConsumerGroupOffsets) to the wanted time, with the group stopped.",
  },
  // The replay role works on a topic the grader creates and fills itself: it does not build on setup.
  judgedWhenDead: true,
  async observe(ctx) {
    const topic = ctx.names.topics.main!;
    const group = ctx.names.groups.replay!;
    const admin = await ctx.stack.admin();
    await ctx.stack.createTopics([{ topic, numPartitions: 3, replicationFactor: EX9_RULES.replicationFactor }]);
    const prefix = `${ctx.runId}-replay`;
    const producer = ctx.stack.observerProducer('kgrade-replay-writer', { idempotent: true });
    await producer.connect();
    const write = (from: number) =>
      producer.send({
        topic,
        acks: -1,
        messages: Array.from({ length: 30 }, (_, i) => ({
          key: `key-${(from + i) % 10}`,
          value: `${prefix}-${from + i}`,
        })),
      });
    await write(0);
    await delay(EX9_RULES.replayGapMs); // a gap in time: the replay starts between the two halves
    const fromMs = Date.now();
    await delay(EX9_RULES.replayMarginMs);
    await write(30);
    await producer.disconnect();
    // The group has read everything: its committed offsets are at the end of every partition.
    const ends = await ctx.stack.topicOffsets(topic);
    await commitGroupOffsets(ctx.stack, group, topic, new Map(ends.map((e) => [e.partition, e.high])));
    const committed = async () =>
      Object.fromEntries(
        (await admin.fetchOffsets({ groupId: group, topics: [topic] }))[0]!.partitions.map((p) => [
          p.partition,
          p.offset,
        ]),
      );
    const committedBefore = await committed();
    const run = await runRole(ctx, 'replay', {
      env: { KGRADE_REPLAY_FROM_MS: String(fromMs) },
      timeoutMs: EX9_RULES.roleTimeoutMs,
      phase: 'replay',
    });
    const committedAfter = await committed();
    const all = await readAll(ctx.stack, topic);
    const reread = all.filter((r) => {
      const c = committedAfter[r.partition];
      return c !== undefined && Number(c) >= 0 && BigInt(r.offset) >= BigInt(c);
    });
    const mine = reread.filter((r) => r.value?.startsWith(`${prefix}-`));
    return {
      group,
      fromMs,
      expected: Array.from({ length: 30 }, (_, i) => `${prefix}-${30 + i}`),
      redelivered: mine.map((r) => r.value!),
      otherRecords: reread.length - mine.length,
      committedBefore,
      committedAfter,
      exit: run.exit,
    };
  },
  judge: judgeReplay,
};
