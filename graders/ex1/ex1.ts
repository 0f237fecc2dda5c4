import type { ExerciseDefinition } from '../../engine/exercise.js';
import { startNotificationsApp, type NotificationsApp } from '../notifications/app.js';
import { NOTIFICATIONS_CONTRACT } from '../notifications/contract.js';
import { criticalAcksAll } from './checks/acks-all.js';
import { badRequest } from './checks/bad-request.js';
import { asyncLands, syncLands } from './checks/landing.js';
import { asyncDoesNotBlock, syncWaitsForAck } from './checks/latency.js';
import { asyncReportsFailure, syncReportsUnreachable } from './checks/unreachable.js';
import { ex1Floor } from './floor.js';

export const ex1: ExerciseDefinition<NotificationsApp> = {
  id: 'ex1',
  title: {
    fr: 'Producteurs synchrone et asynchrone (notifications)',
    en: 'Synchronous and asynchronous producers (notifications)',
  },
  source: 'course 000, Exercice 1',
  stack: { brokers: 3, toxiproxy: true },
  // Busy cores of a grading in `npm run bench cohort -- --students 30` (sandboxed, native, 2 cores): one session per core.
  cpuCores: 0.76,
  contract: NOTIFICATIONS_CONTRACT,
  floor: () => ex1Floor(),
  prepare: startNotificationsApp,
  // Fault-free checks first; each fault check heals the stack before the next.
  checks: [
    syncLands,
    asyncLands,
    badRequest,
    syncWaitsForAck,
    asyncDoesNotBlock,
    syncReportsUnreachable,
    asyncReportsFailure,
    criticalAcksAll,
  ],
  cleanup: async (app) => app?.stop(),
};
