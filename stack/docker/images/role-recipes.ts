/**
 * Build contexts of the offline role images: Dockerfile and small scripts per role. The scripts stand in for
 * what the official images provide (`/opt/kafka/bin/kafka-server-start.sh`), so the docker provider runs both
 * image sets with the same commands. A stack service's image recipe is in its module (stack/services/<service>/).
 */
import { cachePaths } from '../../cache-paths.js';
import { KAFKA_JVM_FLAGS, KAFKA_LOG4J, KAFKA_MAIN } from '../../kafka-java.js';
import { STACK_SERVICES } from '../../services/all.js';
import type { RoleRecipe } from '../../services/image-recipe.js';
import { isUnavailable } from '../../services/stack-service.js';
import { hostNodeStage } from './host-node.js';
import { SOLUTION_RUNTIME } from './versions.js';

// Same variables as Apache's script: KAFKA_HEAP_OPTS, KAFKA_OPTS, KAFKA_LOG4J_OPTS, CLASSPATH.
const RUN_CLASS = `#!/bin/sh
main="$1"; shift
exec java \${KAFKA_HEAP_OPTS:--Xmx256m -Xms256m} ${KAFKA_JVM_FLAGS.slice(0, 3).join(' ')} \\
  ${KAFKA_JVM_FLAGS.slice(3).join(' ')} \${KAFKA_LOG4J_OPTS:--Dlog4j.configuration=file:/opt/kafka/config/log4j.properties} \\
  $KAFKA_OPTS -cp "/opt/kafka/libs/*\${CLASSPATH:+:$CLASSPATH}" "$main" "$@"
`;

const KAFKA: RoleRecipe = {
  role: 'kafka',
  from: 'base',
  dockerfile: (from) => `FROM ${from}
COPY libs/ /opt/kafka/libs/
COPY bin/ /opt/kafka/bin/
COPY config/ /opt/kafka/config/
RUN mkdir -p /opt/kafka/plugins
ENV PATH=/opt/kafka/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
WORKDIR /opt/kafka
CMD ["kafka-server-start.sh", "/opt/kafka/config/server.properties"]
`,
  files: {
    'bin/kafka-run-class.sh': RUN_CLASS,
    'bin/kafka-server-start.sh': `#!/bin/sh\nexec /opt/kafka/bin/kafka-run-class.sh ${KAFKA_MAIN.server} "$@"\n`,
    'bin/connect-distributed.sh': `#!/bin/sh\nexec /opt/kafka/bin/kafka-run-class.sh ${KAFKA_MAIN.connectDistributed} "$@"\n`,
    'config/log4j.properties': KAFKA_LOG4J,
  },
  artifacts: { libs: () => cachePaths.kafkaLibs() },
};

const TOXIPROXY: RoleRecipe = {
  role: 'toxiproxy',
  from: 'base',
  // Same entry point and defaults as ghcr.io/shopify/toxiproxy.
  dockerfile: (from) => `FROM ${from}
COPY bin/toxiproxy-server /toxiproxy
ENV LOG_LEVEL=info
ENTRYPOINT ["/toxiproxy"]
CMD ["-host=0.0.0.0"]
`,
  files: {},
  artifacts: { bin: () => cachePaths.toxiproxyBin().replace(/\/[^/]+$/, '') },
};

// Where a sandboxed solution is built and run (runner/sandbox/container-*): a JDK and Maven from Debian, the
// grader's own Node (same major as the host, so the tsx loader kgrade mounts behaves the same), Python with venv (the command runner's pip builds), nothing else.
const SOLUTION: RoleRecipe = {
  role: 'solution',
  from: 'base',
  dockerfile: (from) => `FROM ${from}
RUN apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends ${SOLUTION_RUNTIME.debianPackages.join(' ')} \\
 && apt-get clean && rm -rf /var/lib/apt/lists/*
COPY node/bin/node /usr/bin/node
COPY node/lib/node_modules/ /usr/lib/node_modules/
RUN if [ -d /usr/lib/node_modules/npm ]; then ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/bin/npm && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/bin/npx; fi \\
 && node --version && javac -version && mvn -v >/dev/null
ENV HOME=/tmp
WORKDIR /work
CMD ["/bin/sh"]
`,
  files: {},
  artifacts: { node: hostNodeStage },
  buildNetwork: 'host',
};

/** In build order: Kafka first (Connect builds FROM it), then every stack service that has an offline image. */
export const ROLE_RECIPES: RoleRecipe[] = [
  KAFKA,
  TOXIPROXY,
  ...STACK_SERVICES.flatMap((s) => (isUnavailable(s.container.offline) ? [] : [s.container.offline])),
  SOLUTION,
];
