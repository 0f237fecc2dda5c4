/**
 * Build contexts of the offline role images: Dockerfile and small scripts per role. The scripts stand in for
 * what the official images provide (`/opt/kafka/bin/kafka-server-start.sh`, the postgres entrypoint), so the
 * docker provider runs both image sets with the same commands.
 */
import { cachePaths } from '../../cache-paths.js';
import { KAFKA_JVM_FLAGS, KAFKA_LOG4J, KAFKA_MAIN } from '../../kafka-java.js';
import { apicurioArgs, REGISTRY as REGISTRY_SERVICE } from '../../services/registry/registry.js';
import { VERSIONS } from '../../versions.js';
import { hostNodeStage } from './host-node.js';
import { SOLUTION_RUNTIME } from './versions.js';

export interface RoleRecipe {
  role: 'kafka' | 'connect' | 'toxiproxy' | 'registry' | 'postgres' | 'solution';
  /** The image it builds FROM: the base, or another role. */
  from: 'base' | 'kafka';
  dockerfile: (fromTag: string) => string;
  /** Generated files in the build context (path -> content; executable when the path ends in .sh). */
  files: Record<string, string>;
  /** Provisioned folders copied into the build context (context path -> folder); their stamps enter the tag. */
  artifacts: Record<string, () => string>;
  /** 'host': its RUN steps reach Debian's mirror through the host's network (the engine has no NAT here). */
  buildNetwork?: 'host';
}

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

const CONNECT: RoleRecipe = {
  role: 'connect',
  from: 'kafka',
  dockerfile: (from) => `FROM ${from}
COPY debezium-postgres/ /opt/kafka/plugins/debezium-postgres/
CMD ["connect-distributed.sh", "/opt/kafka/config/connect-distributed.properties"]
`,
  files: {},
  artifacts: { 'debezium-postgres': () => cachePaths.debeziumPlugin() },
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

// The native provider's command line (stack/services/registry), listening on the network; a line per flag group.
const RUN_REGISTRY = `#!/bin/sh
exec java ${apicurioArgs(`\${REGISTRY_HEAP:-${REGISTRY_SERVICE.apicurioHeap.container}}`, '0.0.0.0', REGISTRY_SERVICE.containerPort.apicurio, '/opt/apicurio/quarkus-app/quarkus-run.jar')
  .map((line) => line.map((a) => (a.includes('"') ? `'${a}'` : a)).join(' '))
  .join(' \\\n  ')}
`;

const REGISTRY: RoleRecipe = {
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

// Stand-in for the official postgres image's entry point: POSTGRES_USER / POSTGRES_PASSWORD / POSTGRES_DB,
// PGDATA initialised on first start, the server run as the postgres user, `postgres ...` as the command.
const PG_ENTRYPOINT = `#!/bin/sh
set -e
if [ "$1" = postgres ] && [ "$(id -u)" = 0 ]; then
  mkdir -p "$PGDATA" /var/run/postgresql
  chown -R postgres:postgres "$PGDATA" /var/run/postgresql
  chmod 700 "$PGDATA"
  if [ ! -s "$PGDATA/PG_VERSION" ]; then
    pw=$(mktemp)
    printf '%s\\n' "\${POSTGRES_PASSWORD:-postgres}" > "$pw"
    chown postgres "$pw"
    runuser -u postgres -- initdb -D "$PGDATA" -U "\${POSTGRES_USER:-postgres}" --auth=scram-sha-256 --pwfile="$pw" -E UTF8 --no-sync >/dev/null
    rm -f "$pw"
    echo "listen_addresses = '*'" >> "$PGDATA/postgresql.conf"
    echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
    echo "host replication all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
    db="\${POSTGRES_DB:-\${POSTGRES_USER:-postgres}}"
    if [ "$db" != postgres ]; then
      echo "CREATE DATABASE \\"$db\\"" | runuser -u postgres -- postgres --single -D "$PGDATA" -j postgres >/dev/null
    fi
  fi
  exec runuser -u postgres -- "$@"
fi
exec "$@"
`;

const POSTGRES: RoleRecipe = {
  role: 'postgres',
  from: 'base',
  dockerfile: (from) => `FROM ${from}
COPY docker-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
ENV PATH=/usr/lib/postgresql/${VERSIONS.postgres}/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
ENV PGDATA=/var/lib/postgresql/data
STOPSIGNAL SIGINT
EXPOSE 5432
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["postgres"]
`,
  files: { 'docker-entrypoint.sh': PG_ENTRYPOINT },
  artifacts: {},
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

/** In build order: connect builds FROM kafka. */
export const ROLE_RECIPES: RoleRecipe[] = [KAFKA, CONNECT, TOXIPROXY, REGISTRY, POSTGRES, SOLUTION];
