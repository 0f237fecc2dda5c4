import type { ExerciseDefinition } from '../../engine/exercise.js';
import { refusesBelowMinIsr } from './checks/below-min-isr.js';
import { replayRange } from './checks/replay-range.js';
import { topicDurability } from './checks/topic-durability.js';
import { noDuplicatesUnderRetries, noLossOnLeaderKill } from './checks/under-faults.js';
import { EX9_CONTRACT } from './contract.js';
import { ex9Floor } from './floor.js';
import { prepareEx9, type Ex9Prepared } from './prepare.js';

export const ex9: ExerciseDefinition<Ex9Prepared> = {
  id: 'ex9',
  title: {
    fr: 'Garanties de livraison : acks, idempotence, min.insync.replicas, rejeu',
    en: 'Delivery guarantees: acks, idempotence, min.insync.replicas, replay',
  },
  source: 'course 004, producer Q3 and consumer Q2; course 001 (acks, replication)',
  stack: { brokers: 3, toxiproxy: true },
  contract: EX9_CONTRACT,
  floor: () => ex9Floor(),
  prepare: prepareEx9,
  checks: [topicDurability, noDuplicatesUnderRetries, noLossOnLeaderKill, refusesBelowMinIsr, replayRange],
};
