/** Kafka Connect (distributed) worker settings, shared by every provider. Pure. */
export function connectWorkerProperties(opts: {
  bootstrap: string;
  brokers: number;
  listener: string;
  advertisedHost: string;
  advertisedPort: number;
  pluginPath: string;
}): string {
  const rf = Math.min(3, opts.brokers);
  return [
    `bootstrap.servers=${opts.bootstrap}`,
    'group.id=kgrade-connect',
    'config.storage.topic=_kgrade-connect-configs',
    'offset.storage.topic=_kgrade-connect-offsets',
    'status.storage.topic=_kgrade-connect-status',
    `config.storage.replication.factor=${rf}`,
    `offset.storage.replication.factor=${rf}`,
    `status.storage.replication.factor=${rf}`,
    'offset.storage.partitions=5',
    'status.storage.partitions=3',
    'key.converter=org.apache.kafka.connect.json.JsonConverter',
    'value.converter=org.apache.kafka.connect.json.JsonConverter',
    'offset.flush.interval.ms=1000',
    `listeners=${opts.listener}`,
    `rest.advertised.host.name=${opts.advertisedHost}`,
    `rest.advertised.port=${opts.advertisedPort}`,
    `plugin.path=${opts.pluginPath}`,
    'scheduled.rebalance.max.delay.ms=0',
    // Plugins found by their ServiceLoader manifests only: the default also scans every class of the classpath
    // (12-15 s of each start on 2 busy cores). Kafka's plugins have manifests; the one Debezium lacks is added at
    // provisioning (stack/provision/maven/debezium-manifests).
    'plugin.discovery=service_load',
  ].join('\n');
}

/** Kafka Connect (distributed worker) as every provider runs it. */
export const CONNECT = {
  heap: '384m',
  /** The REST port inside a container. */
  restPort: 8083,
  /** Where plugins are inside a container (the offline image copies Debezium there; the official one mounts it). */
  pluginPath: '/opt/kafka/plugins',
  /** Answers once the worker has loaded its plugins and joined its group. */
  readyPath: '/connector-plugins',
  startTimeoutMs: { process: 90_000, container: 180_000 },
  hint: 'Kafka Connect did not open its REST API; see its log tail',
} as const;

/**
 * The folder FileStream connectors read and write, shared by the grader and the Connect worker: the grader
 * appends to a source file and reads a sink file at `hostDir`, a connector names them under `connectDir`.
 * Native: a folder of the stack; docker: a host folder bind-mounted at the same path in the Connect container.
 */
export interface ConnectFiles {
  hostDir: string;
  connectDir: string;
}

/** What a running Connect offers: its REST API, and the FileStream folder where the provider shares one. */
export interface ConnectInfo {
  url: string;
  files?: ConnectFiles;
}

/** Environment naming the FileStream folder as Kafka Connect sees it. */
export function connectFilesEnv(files: ConnectFiles): Record<string, string> {
  return { CONNECT_FILES_DIR: files.connectDir };
}
