import type { ExerciseDefinition } from '../../engine/exercise.js';
import { apiErrors } from './checks/api-errors.js';
import { cdcCapture, cdcRoute } from './checks/cdc.js';
import { configsValid } from './checks/configs-valid.js';
import { filestreamPropagation, filestreamRunning } from './checks/filestream.js';
import { deleteConnectors, pauseResume, restartFailedTask, updateLive } from './checks/management.js';
import { EX4_CONTRACT } from './contract.js';
import { prepareEx4, type Ex4Run } from './prepare.js';
import { ex4Floor } from './floor.js';

export const ex4: ExerciseDefinition<Ex4Run> = {
  id: 'ex4',
  title: {
    fr: 'Kafka Connect : FileStream, Debezium PostgreSQL et API de gestion',
    en: 'Kafka Connect: FileStream, Debezium PostgreSQL and a management API',
  },
  source: 'course 002 (Module 06, Kafka Connect labs), course 000 Exercice 4, course 004 (converters)',
  stack: { brokers: 1, toxiproxy: false, services: ['connect', 'postgres'] },
  contract: EX4_CONTRACT,
  floor: () => ex4Floor(),
  prepare: prepareEx4,
  // In the lab's order: deploy, propagate, then manage; delete last.
  checks: [
    configsValid,
    filestreamRunning,
    filestreamPropagation,
    apiErrors,
    updateLive,
    pauseResume,
    restartFailedTask,
    deleteConnectors,
    cdcCapture,
    cdcRoute,
  ],
  cleanup: async (run) => run?.stop(),
};
