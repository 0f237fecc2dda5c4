/** Kafka Connect (distributed) worker settings, shared by every provider. Pure. */
export function connectWorkerProperties(opts: { bootstrap: string; brokers: number; listener: string; advertisedHost: string; advertisedPort: number; pluginPath: string }): string {
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
  ].join('\n');
}

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
