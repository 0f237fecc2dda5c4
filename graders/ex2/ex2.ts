import type { ExerciseDefinition } from '../../engine/exercise.js';
import { NOTIFICATIONS_CONTRACT } from '../notifications/contract.js';
import { bothProducersPartition } from './checks/both-producers.js';
import { criticalOnReserved } from './checks/critical-on-reserved.js';
import { generalBalanced, generalOffReserved } from './checks/general-spread.js';
import { keyOrder } from './checks/key-order.js';
import { prepareEx2, type Ex2Prepared } from './prepare.js';
import { ex2Floor } from './floor.js';

export const ex2: ExerciseDefinition<Ex2Prepared> = {
  id: 'ex2',
  title: { fr: 'Partitionneur personnalisé (notifications)', en: 'Custom partitioner (notifications)' },
  source: 'course 000, Exercice 2',
  stack: { brokers: 3, toxiproxy: true },
  // Busy cores of a grading in `npm run bench cohort -- --students 30` (sandboxed, native, 2 cores): one session per core.
  cpuCores: 0.97,
  contract: NOTIFICATIONS_CONTRACT,
  floor: () => ex2Floor(),
  prepare: prepareEx2,
  checks: [criticalOnReserved, generalBalanced, generalOffReserved, keyOrder, bothProducersPartition],
  cleanup: async (prepared) => prepared?.app.stop(),
};
