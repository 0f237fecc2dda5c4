import type { ExerciseDefinition } from '../../engine/exercise.js';
import { bothDirections } from './checks/both-directions.js';
import { compatibilityLevel } from './checks/compatibility-level.js';
import { consumerWriterSchema } from './checks/consumer-writer-schema.js';
import { optionalFieldAccepted } from './checks/optional-field-accepted.js';
import { requiredFieldRefused } from './checks/required-field-refused.js';
import { wireFormat } from './checks/wire-format.js';
import { EX5_CONTRACT } from './contract.js';
import { prepareEx5, type Ex5Prepared } from './prepare.js';
import { ex5Floor } from './floor.js';

export const ex5: ExerciseDefinition<Ex5Prepared> = {
  id: 'ex5',
  title: { fr: 'Avro, Schema Registry et évolution de schéma', en: 'Avro, the Schema Registry and schema evolution' },
  source: 'course 004, "Schema Registry" (Code steps 1-2, "Évolution du schéma" steps 3-6)',
  stack: { brokers: 1, services: ['registry'] },
  contract: EX5_CONTRACT,
  floor: () => ex5Floor(),
  prepare: prepareEx5,
  checks: [
    wireFormat,
    consumerWriterSchema,
    requiredFieldRefused,
    compatibilityLevel,
    optionalFieldAccepted,
    bothDirections,
  ],
};
