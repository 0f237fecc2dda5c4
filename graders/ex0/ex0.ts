import type { ExerciseDefinition } from '../../engine/exercise.js';
import { exits } from './checks/exits.js';
import { keyedRecords } from './checks/keyed-records.js';
import { readFromBeginning } from './checks/read-from-beginning.js';
import { topicPartitions } from './checks/topic-partitions.js';
import { unkeyedRecords } from './checks/unkeyed-records.js';
import { EX0_CONTRACT } from './contract.js';
import type { Ex0Prepared } from './observations.js';
import { prepareEx0 } from './prepare.js';
import { ex0Floor } from './floor.js';

export const ex0: ExerciseDefinition<Ex0Prepared> = {
  id: 'ex0',
  title: { fr: 'Premier topic : partitions, clés et relecture', en: 'First topic: partitions, keys and reading back' },
  source: 'course 004 (TP Apache Kafka), "Kafka avec une interface utilisateur est mieux", steps 0-5',
  stack: { brokers: 1, toxiproxy: true },
  contract: EX0_CONTRACT,
  floor: () => ex0Floor(),
  prepare: prepareEx0,
  checks: [topicPartitions, unkeyedRecords, keyedRecords, readFromBeginning, exits],
};
