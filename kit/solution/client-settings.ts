import type { Localized } from '../../model/verdict.js';
import { describeClient, type ClientFamily, type DetectedClient } from './kafka-client.js';

/**
 * The producer and consumer settings a check's fix depends on, in each client's own words (option names,
 * ProducerConfig names, librdkafka properties). One table: a diagnosis reads a row, never writes its own words.
 */
export type ClientSetting =
  | 'acks-all'
  | 'idempotence'
  | 'custom-partitioner'
  | 'compression'
  | 'batching'
  | 'commit-after-processing'
  | 'replicated-topic'
  | 'wait-for-ack'
  | 'bounded-send';

/** A fix in one client's terms (the words are code, so mostly the same in both languages). */
export type ClientWords = Record<ClientFamily, Localized>;

const same = (text: string): Localized => ({ fr: text, en: text });

export const CLIENT_SETTINGS: Record<ClientSetting, ClientWords> = {
  'acks-all': {
    kafkajs: {
      fr: 'producer.send({ topic, acks: -1, messages }) (-1 = all, la valeur par défaut de kafkajs : retirez acks: 1 ou 0)',
      en: "producer.send({ topic, acks: -1, messages }) (-1 = all, kafkajs's default: remove acks: 1 or 0)",
    },
    java: {
      fr: 'acks=all (ProducerConfig.ACKS_CONFIG ; spring.kafka.producer.acks=all)',
      en: 'acks=all (ProducerConfig.ACKS_CONFIG; spring.kafka.producer.acks=all)',
    },
    librdkafka: {
      fr: "'acks': 'all' dans la configuration du producteur",
      en: "'acks': 'all' in the producer's configuration",
    },
    'franz-go': {
      fr: 'kgo.RequiredAcks(kgo.AllISRAcks()) (la valeur par défaut de franz-go : retirez kgo.LeaderAck() ou kgo.NoAck())',
      en: "kgo.RequiredAcks(kgo.AllISRAcks()) (franz-go's default: remove kgo.LeaderAck() or kgo.NoAck())",
    },
    sarama: same('config.Producer.RequiredAcks = sarama.WaitForAll'),
    'kafka-go': {
      fr: 'RequiredAcks: kafka.RequireAll dans le Writer',
      en: 'RequiredAcks: kafka.RequireAll on the Writer',
    },
    'kafka-python': same("acks='all'"),
  },
  idempotence: {
    kafkajs: {
      fr: 'kafka.producer({ idempotent: true }) (envois en acks: -1)',
      en: 'kafka.producer({ idempotent: true }) (sends with acks: -1)',
    },
    java: {
      fr: 'enable.idempotence=true (ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG ; la valeur par défaut depuis Kafka 3.0, sauf si acks ou retries la contredisent)',
      en: 'enable.idempotence=true (ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG; the default since Kafka 3.0 unless acks or retries contradict it)',
    },
    librdkafka: {
      fr: "'enable.idempotence': true dans la configuration du producteur",
      en: "'enable.idempotence': true in the producer's configuration",
    },
    'franz-go': {
      fr: 'franz-go est idempotent par défaut : retirez kgo.DisableIdempotentWrite()',
      en: 'franz-go is idempotent by default: remove kgo.DisableIdempotentWrite()',
    },
    sarama: {
      fr: 'config.Producer.Idempotent = true, avec config.Net.MaxOpenRequests = 1 et config.Producer.RequiredAcks = sarama.WaitForAll',
      en: 'config.Producer.Idempotent = true, with config.Net.MaxOpenRequests = 1 and config.Producer.RequiredAcks = sarama.WaitForAll',
    },
    'kafka-go': {
      fr: "le Writer de kafka-go n'a pas de mode idempotent : un lot réessayé est écrit de nouveau (franz-go ou sarama le font)",
      en: "kafka-go's Writer has no idempotent mode: a retried batch is written again (franz-go or sarama have one)",
    },
    'kafka-python': {
      fr: 'enable_idempotence=True (kafka-python 2.1 et plus, aiokafka)',
      en: 'enable_idempotence=True (kafka-python 2.1 and later, aiokafka)',
    },
  },
  'custom-partitioner': {
    kafkajs: {
      fr: 'createPartitioner: () => ({ topic, partitionMetadata, message }) => partition, dans chaque kafka.producer(...)',
      en: 'createPartitioner: () => ({ topic, partitionMetadata, message }) => partition, in each kafka.producer(...)',
    },
    java: {
      fr: 'partitioner.class (ProducerConfig.PARTITIONER_CLASS_CONFIG) dans la configuration de chaque producteur (chaque ProducerFactory)',
      en: "partitioner.class (ProducerConfig.PARTITIONER_CLASS_CONFIG) in each producer's configuration (each ProducerFactory)",
    },
    librdkafka: {
      fr: 'les clients librdkafka ne prennent pas de partitionneur écrit par vous : calculez la partition avec votre fonction et passez-la à produce(..., partition=p) dans chaque producteur',
      en: 'librdkafka clients take no partitioner of your own: compute the partition with your function and pass it to produce(..., partition=p) in each producer',
    },
    'franz-go': {
      fr: 'kgo.RecordPartitioner(votrePartitionneur) sur chaque client',
      en: 'kgo.RecordPartitioner(yourPartitioner) on each client',
    },
    sarama: {
      fr: 'config.Producer.Partitioner = func(topic string) sarama.Partitioner { ... } pour chaque producteur',
      en: 'config.Producer.Partitioner = func(topic string) sarama.Partitioner { ... } for each producer',
    },
    'kafka-go': {
      fr: 'Balancer: votreBalancer (un kafka.Balancer) dans chaque Writer',
      en: 'Balancer: yourBalancer (a kafka.Balancer) on each Writer',
    },
    'kafka-python': {
      fr: 'partitioner=votre_fonction(key_bytes, all_partitions, available) dans chaque KafkaProducer',
      en: 'partitioner=your_function(key_bytes, all_partitions, available) in each KafkaProducer',
    },
  },
  compression: {
    kafkajs: {
      fr: 'producer.send({ topic, compression: CompressionTypes.GZIP, messages }) (snappy, lz4 et zstd demandent un codec enregistré dans CompressionCodecs)',
      en: 'producer.send({ topic, compression: CompressionTypes.GZIP, messages }) (snappy, lz4 and zstd need a codec registered in CompressionCodecs)',
    },
    java: same('compression.type=snappy (ProducerConfig.COMPRESSION_TYPE_CONFIG)'),
    librdkafka: {
      fr: "'compression.type': 'snappy' dans la configuration du producteur",
      en: "'compression.type': 'snappy' in the producer's configuration",
    },
    'franz-go': {
      fr: 'kgo.ProducerBatchCompression(kgo.SnappyCompression()) (la valeur par défaut de franz-go, qui laisse un lot non compressé quand la compression ne le réduit pas)',
      en: "kgo.ProducerBatchCompression(kgo.SnappyCompression()) (franz-go's default, which leaves a batch uncompressed when compressing does not shrink it)",
    },
    sarama: same('config.Producer.Compression = sarama.CompressionSnappy'),
    'kafka-go': { fr: 'Compression: kafka.Snappy dans le Writer', en: 'Compression: kafka.Snappy on the Writer' },
    'kafka-python': {
      fr: "compression_type='snappy' (avec python-snappy) ou 'gzip'",
      en: "compression_type='snappy' (with python-snappy) or 'gzip'",
    },
  },
  batching: {
    kafkajs: {
      fr: "un seul producer.send({ topic, messages: [...] }) (ou sendBatch) pour beaucoup de messages, au lieu d'un send attendu par message (kafkajs n'a pas de linger.ms)",
      en: 'one producer.send({ topic, messages: [...] }) (or sendBatch) for many records, instead of one awaited send per record (kafkajs has no linger.ms)',
    },
    java: {
      fr: 'send() sans get() ni flush() par message, un flush() à la fin ; linger.ms et batch.size (ProducerConfig.LINGER_MS_CONFIG, BATCH_SIZE_CONFIG)',
      en: 'send() with no get() or flush() per record, one flush() at the end; linger.ms and batch.size (ProducerConfig.LINGER_MS_CONFIG, BATCH_SIZE_CONFIG)',
    },
    librdkafka: {
      fr: "produce() pour chaque message avec poll(0), un seul flush() à la fin ; 'linger.ms' et 'batch.size'",
      en: "produce() every record with poll(0), one flush() at the end; 'linger.ms' and 'batch.size'",
    },
    'franz-go': {
      fr: 'client.Produce (asynchrone) pour chaque message, un seul client.Flush à la fin ; kgo.ProducerLinger et kgo.ProducerBatchMaxBytes',
      en: 'client.Produce (asynchronous) for every record, one client.Flush at the end; kgo.ProducerLinger and kgo.ProducerBatchMaxBytes',
    },
    sarama: {
      fr: 'un AsyncProducer avec config.Producer.Flush.Frequency et Flush.Bytes (ou SyncProducer.SendMessages pour une liste)',
      en: 'an AsyncProducer with config.Producer.Flush.Frequency and Flush.Bytes (or SyncProducer.SendMessages for a slice)',
    },
    'kafka-go': {
      fr: 'writer.WriteMessages avec beaucoup de messages par appel ; BatchSize et BatchTimeout dans le Writer',
      en: 'writer.WriteMessages with many records per call; BatchSize and BatchTimeout on the Writer',
    },
    'kafka-python': {
      fr: 'send() pour chaque message, un seul flush() à la fin ; linger_ms et batch_size',
      en: 'send() every record, one flush() at the end; linger_ms and batch_size',
    },
  },
  'commit-after-processing': {
    kafkajs: {
      fr: "traitez dans eachMessage et attendez la fin du traitement avant d'en sortir (l'offset est résolu à son retour), ou autoCommit: false et consumer.commitOffsets([...]) après le traitement",
      en: 'process inside eachMessage and await the processing before it returns (the offset is resolved when it returns), or autoCommit: false and consumer.commitOffsets([...]) after processing',
    },
    java: {
      fr: 'enable.auto.commit=false et consumer.commitSync() après le traitement (Spring : AckMode.RECORD, ou MANUAL avec acknowledge())',
      en: 'enable.auto.commit=false and consumer.commitSync() after processing (Spring: AckMode.RECORD, or MANUAL with acknowledge())',
    },
    librdkafka: {
      fr: "'enable.auto.commit': false et consumer.commit(message) après le traitement",
      en: "'enable.auto.commit': false and consumer.commit(message) after processing",
    },
    'franz-go': {
      fr: 'kgo.DisableAutoCommit() et client.CommitRecords(ctx, record) après le traitement',
      en: 'kgo.DisableAutoCommit() and client.CommitRecords(ctx, record) after processing',
    },
    sarama: {
      fr: 'session.MarkMessage(msg, "") après le traitement, dans ConsumeClaim',
      en: 'session.MarkMessage(msg, "") after processing, in ConsumeClaim',
    },
    'kafka-go': {
      fr: 'reader.FetchMessage puis reader.CommitMessages après le traitement (ReadMessage committe dès la lecture)',
      en: 'reader.FetchMessage then reader.CommitMessages after processing (ReadMessage commits on reading)',
    },
    'kafka-python': {
      fr: 'enable_auto_commit=False et consumer.commit() après le traitement',
      en: 'enable_auto_commit=False and consumer.commit() after processing',
    },
  },
  'replicated-topic': {
    kafkajs: {
      fr: "admin.createTopics({ topics: [{ topic, numPartitions, replicationFactor: 3, configEntries: [{ name: 'min.insync.replicas', value: '2' }] }] })",
      en: "admin.createTopics({ topics: [{ topic, numPartitions, replicationFactor: 3, configEntries: [{ name: 'min.insync.replicas', value: '2' }] }] })",
    },
    java: {
      fr: 'new NewTopic(topic, partitions, (short) 3).configs(Map.of("min.insync.replicas", "2")) (Spring : TopicBuilder.name(topic).replicas(3).config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2"))',
      en: 'new NewTopic(topic, partitions, (short) 3).configs(Map.of("min.insync.replicas", "2")) (Spring: TopicBuilder.name(topic).replicas(3).config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2"))',
    },
    librdkafka: same("NewTopic(topic, num_partitions=n, replication_factor=3, config={'min.insync.replicas': '2'})"),
    'franz-go': same(
      'kadm.Client.CreateTopic(ctx, partitions, 3, map[string]*string{"min.insync.replicas": kadm.StringPtr("2")}, topic)',
    ),
    sarama: same(
      'admin.CreateTopic(topic, &sarama.TopicDetail{NumPartitions: n, ReplicationFactor: 3, ConfigEntries: map[string]*string{"min.insync.replicas": &two}}, false)',
    ),
    'kafka-go': same(
      'conn.CreateTopics(kafka.TopicConfig{Topic: topic, NumPartitions: n, ReplicationFactor: 3, ConfigEntries: []kafka.ConfigEntry{{ConfigName: "min.insync.replicas", ConfigValue: "2"}}})',
    ),
    'kafka-python': same(
      "NewTopic(topic, num_partitions=n, replication_factor=3, topic_configs={'min.insync.replicas': '2'})",
    ),
  },
  'wait-for-ack': {
    kafkajs: { fr: 'await producer.send(...) avant de répondre', en: 'await producer.send(...) before answering' },
    java: {
      fr: 'send(record).get() avant de répondre (Spring : kafkaTemplate.send(...).get())',
      en: 'send(record).get() before answering (Spring: kafkaTemplate.send(...).get())',
    },
    librdkafka: {
      fr: "produce() puis flush() (ou poll() jusqu'au callback de livraison) avant de répondre",
      en: 'produce() then flush() (or poll() until the delivery callback) before answering',
    },
    'franz-go': {
      fr: 'client.ProduceSync(ctx, record).FirstErr() avant de répondre',
      en: 'client.ProduceSync(ctx, record).FirstErr() before answering',
    },
    sarama: {
      fr: "SendMessage d'un SyncProducer avant de répondre",
      en: "a SyncProducer's SendMessage before answering",
    },
    'kafka-go': {
      fr: 'writer.WriteMessages avec Async: false (son défaut) avant de répondre',
      en: 'writer.WriteMessages with Async: false (its default) before answering',
    },
    'kafka-python': {
      fr: 'producer.send(...).get(timeout=10) avant de répondre',
      en: 'producer.send(...).get(timeout=10) before answering',
    },
  },
  'bounded-send': {
    kafkajs: {
      fr: 'new Kafka({ connectionTimeout, requestTimeout, retry: { retries, maxRetryTime } }) : un send vers des brokers injoignables est alors rejeté en temps borné',
      en: 'new Kafka({ connectionTimeout, requestTimeout, retry: { retries, maxRetryTime } }): a send to unreachable brokers then rejects in bounded time',
    },
    java: {
      fr: 'delivery.timeout.ms, request.timeout.ms et max.block.ms (ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT_MS_CONFIG, MAX_BLOCK_MS_CONFIG), ou send().get(timeout, unit)',
      en: 'delivery.timeout.ms, request.timeout.ms and max.block.ms (ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT_MS_CONFIG, MAX_BLOCK_MS_CONFIG), or send().get(timeout, unit)',
    },
    librdkafka: {
      fr: "'message.timeout.ms' (alias delivery.timeout.ms) dans la configuration du producteur, et flush(timeout)",
      en: "'message.timeout.ms' (alias delivery.timeout.ms) in the producer's configuration, and flush(timeout)",
    },
    'franz-go': {
      fr: 'kgo.RecordDeliveryTimeout(d), ou un context avec une échéance pour ProduceSync',
      en: 'kgo.RecordDeliveryTimeout(d), or a context with a deadline for ProduceSync',
    },
    sarama: same('config.Producer.Timeout, config.Net.DialTimeout, config.Producer.Retry.Max'),
    'kafka-go': {
      fr: 'WriteTimeout et MaxAttempts dans le Writer, ou un context avec une échéance pour WriteMessages',
      en: 'WriteTimeout and MaxAttempts on the Writer, or a context with a deadline for WriteMessages',
    },
    'kafka-python': same('request_timeout_ms, max_block_ms and future.get(timeout=...)'),
  },
};

/** `<with >library (family, file): words` for each declared client, or undefined when none was read. */
export function inClientTerms(
  words: ClientWords,
  clients: readonly DetectedClient[] | undefined,
  withWord = false,
): Localized | undefined {
  if (!clients?.length) return undefined;
  const parts = clients.map((c) => ({ who: describeClient(c), fix: words[c.family] }));
  return {
    fr: parts.map((p) => `${withWord ? 'avec ' : ''}${p.who} : ${p.fix.fr}`).join(' ; '),
    en: parts.map((p) => `${withWord ? 'with ' : ''}${p.who}: ${p.fix.en}`).join('; '),
  };
}

/**
 * ` The solution declares <library> (<family>, <file>): <setting in its words>.` to end a diagnosis with, or
 * empty text when the solution's files name no client (the check's own hint then stands alone).
 */
export function settingFix(setting: ClientSetting, clients: readonly DetectedClient[] | undefined): Localized {
  const own = inClientTerms(CLIENT_SETTINGS[setting], clients);
  return own ? { fr: ` La solution déclare ${own.fr}.`, en: ` The solution declares ${own.en}.` } : { fr: '', en: '' };
}
