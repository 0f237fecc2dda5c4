import { cachePaths } from '../../cache-paths.js';
import type { RoleRecipe } from '../image-recipe.js';
import { apicurioArgs, REGISTRY as REGISTRY_SERVICE } from './registry-config.js';

// The native provider's command line (stack/services/registry), listening on the network; a line per flag group.
const RUN_REGISTRY = `#!/bin/sh
exec java ${apicurioArgs(
  `\${REGISTRY_HEAP:-${REGISTRY_SERVICE.apicurioHeap.container}}`,
  '0.0.0.0',
  REGISTRY_SERVICE.containerPort.apicurio,
  '/opt/apicurio/quarkus-app/quarkus-run.jar',
)
  .map((line) => line.map((a) => (a.includes('"') ? `'${a}'` : a)).join(' '))
  .join(' \\\n  ')}
`;

/** The offline image: Apicurio Registry, started by the native provider's command line. */
export const REGISTRY_IMAGE: RoleRecipe = {
  role: 'registry',
  from: 'base',
  dockerfile: (from) => `FROM ${from}
COPY apicurio/quarkus-app/ /opt/apicurio/quarkus-app/
COPY run-registry.sh /opt/apicurio/run-registry.sh
WORKDIR /opt/apicurio
EXPOSE 8080
CMD ["/opt/apicurio/run-registry.sh"]
`,
  files: { 'run-registry.sh': RUN_REGISTRY },
  artifacts: { apicurio: () => cachePaths.apicurio() },
};
