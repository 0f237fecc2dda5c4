import fs from 'node:fs';
import path from 'node:path';
import { cachePaths } from './cache-paths.js';

/** log4j 1 (reload4j) config of every Kafka JVM kgrade runs: console output, quiet storage loggers. */
export const KAFKA_LOG4J = `log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.log=WARN
log4j.logger.org.apache.kafka.storage=WARN
log4j.logger.state.change.logger=WARN
log4j.logger.org.reflections=ERROR
log4j.logger.org.apache.kafka.clients=WARN
`;

/**
 * JVM flags of every Kafka JVM kgrade runs (a local process, or a container of the offline image set). C1 only
 * (`TieredStopAtLevel=1`): a grading's broker lives for minutes and moves little data, so C2's compilations cost
 * more CPU than they give back; three brokers start with 12 core-s instead of 17 on the 2-core machine, and ex1
 * restarts two brokers per grading. The serial GC for the same reason, on a 256 MB heap.
 */
export const KAFKA_JVM_FLAGS = [
  '-XX:+UseSerialGC',
  '-XX:TieredStopAtLevel=1',
  '-XX:+ExitOnOutOfMemoryError',
  '-Xss512k',
  '-Djava.awt.headless=true',
] as const;

/** Java in a container resolves names again after 2 s, not 30: a restarted container may come back with another address. */
export const JVM_DNS_TTL = '-Dsun.net.inetaddr.ttl=2 -Dsun.net.inetaddr.negative.ttl=1';

/** Main classes of the Kafka distribution that kgrade runs. */
export const KAFKA_MAIN = {
  server: 'kafka.Kafka',
  connectDistributed: 'org.apache.kafka.connect.cli.ConnectDistributed',
} as const;

/**
 * A `java` command for a Kafka main class with the provisioned jars (the Kafka distribution kgrade provisions)
 * and a small heap; writes the log4j config into `dir` once.
 */
export function kafkaJava(
  dir: string,
  heap: string,
  mainClass: string,
  args: string[],
  extraProps: string[] = [],
): { cmd: string; args: string[] } {
  const log4j = path.join(dir, 'log4j.properties');
  if (!fs.existsSync(log4j)) fs.writeFileSync(log4j, KAFKA_LOG4J);
  return {
    cmd: 'java',
    args: [
      `-Xmx${heap}`,
      `-Xms${heap}`,
      ...KAFKA_JVM_FLAGS,
      `-Dlog4j.configuration=file:${log4j}`,
      ...extraProps,
      '-cp',
      path.join(cachePaths.kafkaLibs(), '*'),
      mainClass,
      ...args,
    ],
  };
}
