import { GraderError } from '../../../core/errors.js';

/**
 * The schema registry. Native and offline images run Apicurio Registry 2.4 (in-memory), answering Confluent's
 * API under /apis/ccompat/v7 (see stack/provision/maven/apicurio/RECIPE.md); the official image set runs
 * Confluent's registry at its root URL.
 */
export type RegistryKind = 'confluent' | 'apicurio';

/** Apicurio's JVM flags in groups (a line each in the offline image's script), after its heap and before its address. */
export const APICURIO_FLAGS = {
  jvm: ['-Xss512k', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1'],
  storage: ['-Dquarkus.datasource.jdbc.url=jdbc:h2:mem:registry_db'],
  pool: [
    '-Dquarkus.datasource.jdbc.initial-size=2',
    '-Dquarkus.datasource.jdbc.min-size=2',
    '-Dquarkus.datasource.jdbc.max-size=20',
  ],
  auth: ['-Dregistry.auth.enabled=false', '-Dquarkus.oidc.tenant-enabled=false'],
  quiet: ['-Dregistry.enable.sentry=false', '-Dquarkus.log.category."io.sentry".level=ERROR'],
  noEvents: ['-Dregistry.events.kafka.config.bootstrap.servers=', '-Dregistry.events.ksink='],
  // Confluent's default global compatibility is BACKWARD; Apicurio's is none.
  rules: ['-Dregistry.rules.global.compatibility=BACKWARD', '-Dregistry.rest.artifact.deletion.enabled=true'],
  transactions: [
    '-DCoreEnvironmentBean.processImplementationClassName=com.arjuna.ats.internal.arjuna.utils.UuidProcessId',
  ],
} as const;

/** Apicurio's command line after `java`: the same on a local process and in the offline image. */
export function apicurioArgs(heap: string, host: string, port: number | string, jar: string): (readonly string[])[] {
  const f = APICURIO_FLAGS;
  return [
    [`-Xmx${heap}`, ...f.jvm],
    [`-Dquarkus.http.host=${host}`, `-Dquarkus.http.port=${port}`],
    f.storage,
    f.pool,
    f.auth,
    f.quiet,
    f.noEvents,
    f.rules,
    f.transactions,
    ['-jar', jar],
  ];
}

export const REGISTRY = {
  apicurioHeap: { process: '128m', container: '160m' },
  /** Ports inside a container. */
  containerPort: { apicurio: 8080, confluent: 8081 },
  /** Answers once the registry serves requests. */
  readyPath: '/subjects',
  startTimeoutMs: { process: 60_000, container: 120_000 },
  hint: {
    process: 'Apicurio Registry did not answer; run `kgrade stack provision --with registry` to rebuild it',
    container: 'the schema registry did not answer; see its log tail',
  },
} as const;

/** The registry's URL for clients (Confluent's API). */
export function registryUrl(kind: RegistryKind, hostPort: string): string {
  return kind === 'apicurio' ? `http://${hostPort}/apis/ccompat/v7` : `http://${hostPort}`;
}

/** Confluent's registry container, storing its schemas in the stack's Kafka (INTERNAL listeners). */
export function confluentRegistryEnv(kafkaInternal: string): Record<string, string> {
  return {
    SCHEMA_REGISTRY_HOST_NAME: 'registry',
    SCHEMA_REGISTRY_LISTENERS: `http://0.0.0.0:${REGISTRY.containerPort.confluent}`,
    SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS: kafkaInternal
      .split(',')
      .map((a) => `PLAINTEXT://${a}`)
      .join(','),
    SCHEMA_REGISTRY_HEAP_OPTS: '-Xmx192m',
  };
}

/**
 * Apicurio starts with a global BACKWARD rule (its flags); stored too, so GET /config reports BACKWARD as
 * Confluent's registry does. A refusal is the registry's trouble, said at start-up rather than later as a
 * global level of NONE.
 */
export async function storeBackwardCompatibility(url: string): Promise<void> {
  const res = await fetch(`${url}/config`, {
    method: 'PUT',
    headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify({ compatibility: 'BACKWARD' }),
  });
  if (!res.ok) {
    throw new GraderError(
      'STACK_NOT_READY',
      `the schema registry refused its global BACKWARD level: PUT ${url}/config -> ${res.status} ${(await res.text()).slice(0, 200)}`,
      { hint: 'run `kgrade stack check --with registry` and read the registry log' },
    );
  }
}
