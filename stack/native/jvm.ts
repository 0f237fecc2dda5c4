import fs from 'node:fs';
import path from 'node:path';
import { cachePaths } from '../cache-paths.js';
import { KAFKA_LOG4J } from '../connect-config.js';


/** A `java` command for a Kafka main class with the provisioned jars and a small heap. */
export function kafkaJava(dir: string, heap: string, mainClass: string, args: string[], extraProps: string[] = []): { cmd: string; args: string[] } {
  const log4j = path.join(dir, 'log4j.properties');
  if (!fs.existsSync(log4j)) fs.writeFileSync(log4j, KAFKA_LOG4J);
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
