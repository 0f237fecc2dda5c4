import fs from 'node:fs';
import path from 'node:path';
import { cachePaths } from '../../cache-paths.js';
import { JVM_DNS_TTL, KAFKA_MAIN, kafkaJava } from '../../kafka-java.js';
import { debeziumComponent, debeziumManifestsComponent } from '../../provision/components.js';
import { KAFKA_IMAGE } from '../../versions.js';
import { httpOk } from '../service-ready.js';
import type { StackService } from '../stack-service.js';
import { CONNECT, connectFilesEnv, connectWorkerProperties, type ConnectFiles } from './connect-config.js';
import { CONNECT_IMAGE } from './connect-image.js';

/** Entry point of a Kafka-image container: writes its properties file from an env var, then execs the given script. */
function propertiesCommand(file: string, exec: string): string[] {
  return ['sh', '-c', `printf '%s\\n' "$KGRADE_PROPERTIES" > ${file} && exec ${exec} ${file}`];
}

/**
 * Kafka Connect (a distributed worker with the Debezium PostgreSQL plugin), started once the brokers are usable
 * (it stores its configs, offsets and status in Kafka). Its FileStream folder is shared with the grader at the
 * same path: a folder of the stack natively, a host folder bind-mounted at that path in the container.
 */
export const connectService: StackService<{ connectUrl: string; connectFiles?: ConnectFiles }, 'connect'> = {
  name: 'connect',
  title: 'Kafka Connect',
  fields: ['connectUrl', 'connectFiles'],
  native: {
    components: [debeziumComponent, debeziumManifestsComponent],
    afterBrokers: true,
    async start(host) {
      const filesDir = path.join(host.dir, 'connect-files');
      fs.mkdirSync(filesDir, { recursive: true });
      const port = await host.freePort();
      const props = connectWorkerProperties({
        bootstrap: host.bootstrap,
        brokers: host.brokers,
        listener: `http://127.0.0.1:${port}`,
        advertisedHost: '127.0.0.1',
        advertisedPort: port,
        pluginPath: path.dirname(cachePaths.debeziumPlugin()),
      });
      const file = path.join(host.dir, 'connect.properties');
      fs.writeFileSync(file, props + '\n');
      const java = kafkaJava(host.dir, CONNECT.heap, KAFKA_MAIN.connectDistributed, [file]);
      const proc = host.spawn('connect', { ...java, logFile: path.join(host.dir, 'connect.log') });
      const url = `http://127.0.0.1:${port}`;
      await proc.awaitReady(() => httpOk(`${url}${CONNECT.readyPath}`), CONNECT.startTimeoutMs.process, CONNECT.hint);
      return { connectUrl: url, connectFiles: { hostDir: filesDir, connectDir: filesDir } };
    },
  },
  container: {
    /** Connect runs in the Kafka image; the Debezium plugin is bind-mounted from kgrade's cache. */
    official: KAFKA_IMAGE,
    hostPorts: 1,
    offline: CONNECT_IMAGE,
    afterBrokers: () => true,
    async start(host, [port]) {
      const filesDir = host.hostDir('kgrade-connect-files-');
      const props = connectWorkerProperties({
        bootstrap: host.kafkaInternal,
        brokers: host.brokers,
        listener: `http://0.0.0.0:${CONNECT.restPort}`,
        advertisedHost: 'connect',
        advertisedPort: CONNECT.restPort,
        pluginPath: CONNECT.pluginPath,
      });
      const env: Record<string, string> = {
        KGRADE_PROPERTIES: props,
        KAFKA_HEAP_OPTS: `-Xmx${CONNECT.heap} -Xms${CONNECT.heap}`,
        KAFKA_OPTS: JVM_DNS_TTL,
      };
      if (host.images.connectClasspath) env.CLASSPATH = host.images.connectClasspath;
      const mounts: { source: string; target: string; mode: 'rw' | 'ro' }[] = [
        { source: filesDir, target: filesDir, mode: 'rw' },
      ];
      if (host.images.debeziumMount)
        mounts.push({
          source: host.images.debeziumMount,
          target: `${CONNECT.pluginPath}/debezium-postgres`,
          mode: 'ro',
        });
      const c = await host.start({
        alias: 'connect',
        publish: [[CONNECT.restPort, port!]],
        env,
        entrypoint: propertiesCommand('/tmp/kgrade-connect.properties', '/opt/kafka/bin/connect-distributed.sh'),
        mounts,
      });
      const url = `http://127.0.0.1:${port}`;
      return async () => {
        await c.awaitReady(() => httpOk(`${url}${CONNECT.readyPath}`), CONNECT.startTimeoutMs.container, CONNECT.hint);
        return { connectUrl: url, connectFiles: { hostDir: filesDir, connectDir: filesDir } };
      };
    },
  },
  solutionEnv: ({ connectUrl, connectFiles }) => ({
    KAFKA_CONNECT_URL: connectUrl,
    ...(connectFiles ? connectFilesEnv(connectFiles) : {}),
  }),
  external: { KGRADE_CONNECT_URL: 'connectUrl' },
};
