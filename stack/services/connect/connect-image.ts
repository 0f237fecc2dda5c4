import { cachePaths } from '../../cache-paths.js';
import type { RoleRecipe } from '../image-recipe.js';

/** The offline image: the Kafka image with the Debezium PostgreSQL plugin. */
export const CONNECT_IMAGE: RoleRecipe = {
  role: 'connect',
  from: 'kafka',
  dockerfile: (from) => `FROM ${from}
COPY debezium-postgres/ /opt/kafka/plugins/debezium-postgres/
CMD ["connect-distributed.sh", "/opt/kafka/config/connect-distributed.properties"]
`,
  files: {},
  artifacts: { 'debezium-postgres': () => cachePaths.debeziumPlugin() },
};
