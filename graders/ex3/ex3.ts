import type { ExerciseDefinition } from '../../engine/exercise.js';
import {
  atLeastOnceAfterCrash,
  commitAfterProcessing,
  lagReturnsToZero,
  resumeAfterRestart,
} from './checks/commits.js';
import { criticalAssignment, groupsByType } from './checks/groups.js';
import { criticalLatency } from './checks/latency.js';
import { generalRebalance } from './checks/rebalance.js';
import { EX3_CONTRACT } from './contract.js';
import { ex3Floor } from './floor.js';
import { prepareEx3, type Ex3Prepared } from './prepare.js';

export const ex3: ExerciseDefinition<Ex3Prepared> = {
  id: 'ex3',
  title: {
    fr: 'Groupes de consommateurs, assign/subscribe et commits',
    en: 'Consumer groups, assign/subscribe and commits',
  },
  source: 'course 000, Exercice 3; course 004, consumer questions 1-2',
  stack: { brokers: 1, toxiproxy: true },
  // Gradings mostly wait (solution starts, commits, rebalances): 0.46 busy cores in `npm run bench cohort --
  // --exercises ex3 --students 6`, 0.38 with 30 students (sandboxed, native, 2 cores): `--parallel auto` runs 3
  // sessions there.
  cpuCores: 0.46,
  contract: EX3_CONTRACT,
  floor: () => ex3Floor(),
  prepare: prepareEx3,
  checks: [
    groupsByType,
    criticalAssignment,
    criticalLatency,
    commitAfterProcessing,
    generalRebalance,
    resumeAfterRestart,
    atLeastOnceAfterCrash,
    lagReturnsToZero,
  ],
  cleanup: async (prepared) => prepared?.app.stop(),
};
