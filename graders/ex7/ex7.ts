import type { ExerciseDefinition } from '../../engine/exercise.js';
import { declarationsCheck } from './checks/declarations.js';
import { eventTime } from './checks/event-time.js';
import { joinEnriches } from './checks/join.js';
import { hoppingCounts, sessionMerge, tumblingCounts } from './checks/windowed.js';
import { EX7_CONTRACT } from './contract.js';
import { preflightHints } from './preflight.js';
import { prepareEx7, readStatements, type Ex7Prepared } from './prepare.js';
import { ex7Floor } from './floor.js';

export const ex7: ExerciseDefinition<Ex7Prepared> = {
  id: 'ex7',
  title: { fr: 'ksqlDB : streams, tables, fenêtres et jointure', en: 'ksqlDB: streams, tables, windows and a join' },
  source:
    'course 001 (Kafka overview), "Utiliser ksqlDB": streams and tables, windowed aggregations (TUMBLING, HOPPING, SESSION); course 000 section 7, "Jointures, agrégations et fenêtres"',
  stack: { brokers: 1, toxiproxy: false, services: ['ksqldb'] },
  exclusive: true,
  contract: EX7_CONTRACT,
  floor: () => ex7Floor(),
  // The hints of the .sql files, also where no ksqlDB runs (then they are all a student gets).
  preflight: (dir, manifest) =>
    preflightHints(readStatements(dir, Array.isArray(manifest?.sql) ? (manifest.sql as string[]) : undefined)).map(
      (h) => h.message,
    ),
  prepare: prepareEx7,
  checks: [declarationsCheck, tumblingCounts, hoppingCounts, sessionMerge, eventTime, joinEnriches],
};
