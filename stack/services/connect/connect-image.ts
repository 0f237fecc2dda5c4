import { cachePaths } from '../../cache-paths.js';
import type { RoleRecipe } from '../image-recipe.js';

/** The offline image: the Kafka image with the Debezium PostgreSQL plugin. */
export const CONNECT_IMAGE: RoleRecipe = {
  role: 'connect',
  from: 'kafka',
  dockerfile: (from) => `FROM ${from}
COPY debezium-postgres/ /opt/kafka/plugins/debezium-postgres/
COPY debezium-manifests/ /opt/kafka/plugins/debezium-postgres/kgrade-service-manifests/
CMD ["connect-distributed.sh", "/opt/kafka/config/connect-distributed.properties"]
`,
  files: {},
  artifacts: {
    'debezium-postgres': () => cachePaths.debeziumPlugin(),
    // Also inside the folder above once provisioned; named here so that the image's tag follows it.
    'debezium-manifests': () => cachePaths.debeziumManifests(),
  },
};
