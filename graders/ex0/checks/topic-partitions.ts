import type { CheckDefinition, Judgement } from '../../../engine/exercise.js';
import { EX0_RULES } from '../contract.js';
import type { Ex0Prepared } from '../observations.js';
import { fail, pass } from '../../../kit/judging/judgement.js';

export interface TopicObs {
  topic: string;
  exists: boolean;
  partitions: number;
  otherNewTopics: string[];
}

export function judgeTopicPartitions(o: TopicObs): Judgement {
  const want = EX0_RULES.partitions;
  const data = { ...o, expectedPartitions: want };
  if (!o.exists) {
    const others = o.otherNewTopics.length ? o.otherNewTopics.join(', ') : '';
    return fail(
      {
        fr: `Le topic « ${o.topic} » n'existe pas sur les brokers.${others ? ` Topics créés pendant l'exécution : ${others} : le nom vient-il bien de KGRADE_TOPIC ?` : ''}`,
        en: `Topic "${o.topic}" does not exist on the brokers.${others ? ` Topics created during the run: ${others}: does your code take the name from KGRADE_TOPIC?` : ''}`,
      },
      data,
    );
  }
  if (o.partitions !== want) {
    return fail(
      {
        fr: `Le topic « ${o.topic} » a ${o.partitions} partition(s) ; ${want} attendues.`,
        en: `Topic "${o.topic}" has ${o.partitions} partition(s); ${want} expected.`,
      },
      data,
    );
  }
  return pass(
    {
      fr: `Le topic « ${o.topic} » existe avec ${want} partitions.`,
      en: `Topic "${o.topic}" exists with ${want} partitions.`,
    },
    data,
  );
}

export const topicPartitions: CheckDefinition<Ex0Prepared, TopicObs> = {
  id: 'topic-partitions',
  title: { fr: 'Topic créé avec 5 partitions', en: 'Topic created with 5 partitions' },
  points: 2,
  hint: {
    fr: 'Étape 0 du TP : créez le topic avec 5 partitions (AdminClient / admin.createTopics, numPartitions: 5) sous le nom donné par KGRADE_TOPIC.',
    en: 'Step 0 of the lab: create the topic with 5 partitions (AdminClient / admin.createTopics, numPartitions: 5) under the name KGRADE_TOPIC gives.',
  },
  async observe(_ctx, prepared) {
    const s = await prepared.snapshot();
    return { topic: s.topic, exists: s.exists, partitions: s.partitions, otherNewTopics: s.otherNewTopics };
  },
  judge: judgeTopicPartitions,
};
