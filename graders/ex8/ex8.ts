import type { ExerciseDefinition } from '../../engine/exercise.js';
import { allRecordsSent } from './checks/all-records-sent.js';
import { batchingSpeedup } from './checks/batching-speedup.js';
import { compressionCodec } from './checks/compression-codec.js';
import { diskSaving } from './checks/disk-saving.js';
import { retentionConfigured } from './checks/retention.js';
import { EX8_CONTRACT } from './contract.js';
import type { Ex8Prepared } from './observations.js';
import { prepareEx8 } from './prepare.js';
import { ex8Floor } from './floor.js';

export const ex8: ExerciseDefinition<Ex8Prepared> = {
  id: 'ex8',
  title: {
    fr: 'Débit du producteur : flush, batching, compression, rétention',
    en: 'Producer throughput: flush, batching, compression, retention',
  },
  source: 'course 004 (TP Apache Kafka), "Producteur", questions 1 and 2',
  stack: { brokers: 1, toxiproxy: false },
  contract: EX8_CONTRACT,
  floor: () => ex8Floor(),
  prepare: prepareEx8,
  checks: [allRecordsSent, batchingSpeedup, compressionCodec, diskSaving, retentionConfigured],
  async cleanup(prepared) {
    await prepared?.dropMeasureTopics();
  },
};
