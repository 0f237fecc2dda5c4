import type { ExerciseDefinition } from '../../engine/exercise.js';
import { filterMessages, wordCounts } from './checks/counts.js';
import { joinStatus } from './checks/join.js';
import { changelogCompacted, countsSurviveRestart } from './checks/state.js';
import { EX6_CONTRACT } from './contract.js';
import { prepareEx6, type Ex6Prepared } from './prepare.js';
import { ex6Floor } from './floor.js';

export const ex6: ExerciseDefinition<Ex6Prepared> = {
  id: 'ex6',
  title: {
    fr: 'Kafka Streams : comptage de mots, filtre, jointure KTable-KStream, état après redémarrage',
    en: 'Kafka Streams: word count, filter, KTable-KStream join, state across a restart',
  },
  source: 'course 004, "Kafka Streams" (Code)',
  stack: { brokers: 1 },
  contract: EX6_CONTRACT,
  floor: () => ex6Floor(),
  prepare: prepareEx6,
  checks: [wordCounts, filterMessages, joinStatus, changelogCompacted, countsSurviveRestart],
  cleanup: async (prepared) => prepared?.app.stop(),
};
