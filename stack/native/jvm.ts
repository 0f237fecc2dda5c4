import fs from 'node:fs';
import path from 'node:path';
import { cachePaths } from '../cache-paths.js';

/** log4j 1 (reload4j) config: console output, which the service's log file captures. */
const LOG4J = `log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.log=WARN
log4j.logger.org.apache.kafka.storage=WARN
log4j.logger.state.change.logger=WARN
log4j.logger.org.reflections=ERROR
log4j.logger.org.apache.kafka.clients=WARN
`;

/** A `java` command for a Kafka main class with the provisioned jars and a small heap. */
export function kafkaJava(dir: string, heap: string, mainClass: string, args: string[], extraProps: string[] = []): { cmd: string; args: string[] } {
  const log4j = path.join(dir, 'log4j.properties');
  if (!fs.existsSync(log4j)) fs.writeFileSync(log4j, LOG4J);
  return {
    cmd: 'java',
    args: [
      `-Xmx${heap}`,
      `-Xms${heap}`,
      '-XX:+UseSerialGC',
      '-XX:+ExitOnOutOfMemoryError',
      '-Xss512k',
      '-Djava.awt.headless=true',
      `-Dlog4j.configuration=file:${log4j}`,
      ...extraProps,
      '-cp',
      path.join(cachePaths.kafkaLibs(), '*'),
      mainClass,
      ...args,
    ],
  };
}
