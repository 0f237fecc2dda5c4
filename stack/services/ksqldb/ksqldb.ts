/**
 * ksqlDB: only published as a Confluent container image (no native build, no offline image), pinned below.
 */
import { httpOk } from '../service-ready.js';
import type { StackService } from '../stack-service.js';
import { REGISTRY } from '../registry/registry-config.js';

/** How to reach a ksqlDB to grade against: the command that makes a ksqlDB exercise gradable. */
const HOW_TO_GRADE =
  'grade it where a ksqlDB server can run: `kgrade grade ex7 --stack docker --images official` on a machine whose Docker can pull confluentinc/ksqldb-server, or `KGRADE_KSQLDB_URL=http://<host>:8088 KGRADE_BOOTSTRAP_SERVERS=<its Kafka> kgrade grade ex7 --stack external` against a classroom ksqlDB';

export const KSQLDB = {
  /** The port inside its container. */
  containerPort: 8088,
  readyPath: '/info',
  startTimeoutMs: { container: 180_000 },
  hint: 'ksqlDB did not answer; see its log tail',
  noNative:
    'ksqlDB has no native build: it is only published as a Confluent container image, so the native provider cannot run it',
  noOffline:
    'ksqlDB has no offline image: it is only published as a Confluent container image (confluentinc/ksqldb-server), which cannot be built from Maven Central or Debian',
  howToGrade: HOW_TO_GRADE,
} as const;

/**
 * The server's settings: the stack's Kafka on INTERNAL listeners, internal topics replicated as the cluster
 * allows. Sized for a 2-core, 24 GiB machine running brokers beside it: a 768 MiB heap, one stream thread per
 * query, a small record cache, and commits every 500 ms (the grader waits on committed offsets).
 */
export function ksqldbEnv(kafkaInternal: string, brokers: number, registryUrl?: string): Record<string, string> {
  const rf = String(Math.min(3, brokers));
  const env: Record<string, string> = {
    KSQL_BOOTSTRAP_SERVERS: kafkaInternal,
    KSQL_LISTENERS: `http://0.0.0.0:${KSQLDB.containerPort}`,
    KSQL_KSQL_SERVICE_ID: 'kgrade_',
    KSQL_KSQL_INTERNAL_TOPIC_REPLICAS: rf,
    KSQL_KSQL_STREAMS_REPLICATION_FACTOR: rf,
    KSQL_KSQL_LOGGING_PROCESSING_TOPIC_REPLICATION_FACTOR: rf,
    KSQL_HEAP_OPTS: '-Xms256m -Xmx768m',
    KSQL_KSQL_STREAMS_NUM_STREAM_THREADS: '1',
    KSQL_KSQL_STREAMS_CACHE_MAX_BYTES_BUFFERING: String(2 * 1024 * 1024),
    KSQL_KSQL_STREAMS_COMMIT_INTERVAL_MS: '500',
    KSQL_KSQL_QUERY_PULL_TABLE_SCAN_ENABLED: 'true',
  };
  if (registryUrl) env.KSQL_KSQL_SCHEMA_REGISTRY_URL = registryUrl;
  return env;
}

/** ksqlDB on the stack network, after the brokers (it keeps its state in Kafka). */
export const ksqldbService: StackService<{ ksqldbUrl: string }, 'ksqldb'> = {
  name: 'ksqldb',
  title: 'ksqlDB',
  fields: ['ksqldbUrl'],
  native: { unavailable: KSQLDB.noNative, hint: HOW_TO_GRADE },
  container: {
    /** The last standalone release. */
    official: 'confluentinc/ksqldb-server:0.29.0',
    hostPorts: 1,
    offline: { unavailable: KSQLDB.noOffline, hint: HOW_TO_GRADE },
    afterBrokers: () => true,
    async start(host, [port]) {
      const env = ksqldbEnv(
        host.kafkaInternal,
        host.brokers,
        host.has('registry') ? `http://registry:${REGISTRY.containerPort.confluent}` : undefined,
      );
      const c = await host.start({ alias: 'ksqldb', publish: [[KSQLDB.containerPort, port!]], env });
      const url = `http://127.0.0.1:${port}`;
      return async () => {
        await c.awaitReady(() => httpOk(`${url}${KSQLDB.readyPath}`), KSQLDB.startTimeoutMs.container, KSQLDB.hint);
        return { ksqldbUrl: url };
      };
    },
  },
  solutionEnv: ({ ksqldbUrl }) => ({ KSQLDB_URL: ksqldbUrl }),
  external: { KGRADE_KSQLDB_URL: 'ksqldbUrl' },
};
