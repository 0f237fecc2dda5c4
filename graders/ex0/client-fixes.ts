import type { Localized } from '../../model/verdict.js';
import type { DetectedClient } from '../../kit/solution/kafka-client.js';
import { inClientTerms, type ClientWords } from '../../kit/solution/client-settings.js';

type Fixes = ClientWords;

/** How each client puts a key on Kafka's Java default partition (murmur2 of the key, modulo the partitions). */
const MURMUR2: Fixes = {
  kafkajs: {
    fr: "créez le producteur avec createPartitioner: Partitioners.DefaultPartitioner (LegacyPartitioner n'est pas celui de Java)",
    en: "create the producer with createPartitioner: Partitioners.DefaultPartitioner (LegacyPartitioner is not Java's)",
  },
  java: {
    fr: 'le partitionneur par défaut du client Java hache la clé avec murmur2 : retirez le partitioner.class de la configuration du producteur',
    en: "the Java client's default partitioner hashes the key with murmur2: remove partitioner.class from the producer's configuration",
  },
  librdkafka: {
    fr: "le partitionneur par défaut de librdkafka (consistent_random, CRC32) n'est pas celui de Java : mettez partitioner=murmur2_random dans la configuration du producteur",
    en: "librdkafka's default partitioner (consistent_random, CRC32) is not Java's: set partitioner=murmur2_random in the producer's configuration",
  },
  'franz-go': {
    fr: 'le partitionneur par défaut de franz-go (StickyKeyPartitioner) hache la clé avec murmur2 : retirez le kgo.RecordPartitioner qui le remplace',
    en: "franz-go's default partitioner (StickyKeyPartitioner) hashes the key with murmur2: remove the kgo.RecordPartitioner that replaces it",
  },
  sarama: {
    fr: 'le partitionneur par défaut de sarama hache la clé avec FNV-1a, pas murmur2 : donnez à config.Producer.Partitioner un partitionneur murmur2',
    en: "sarama's default partitioner hashes the key with FNV-1a, not murmur2: give config.Producer.Partitioner a murmur2 partitioner",
  },
  'kafka-go': {
    fr: 'kafka-go répartit par défaut en round-robin et kafka.Hash hache avec FNV-1a : mettez Balancer: &kafka.Murmur2Balancer{} dans le Writer',
    en: 'kafka-go balances round-robin by default and kafka.Hash hashes with FNV-1a: set Balancer: &kafka.Murmur2Balancer{} on the Writer',
  },
  'kafka-python': {
    fr: 'le partitionneur par défaut de kafka-python hache la clé avec murmur2 : retirez le partitioner passé au producteur',
    en: "kafka-python's default partitioner hashes the key with murmur2: remove the partitioner given to the producer",
  },
};

/** How each client makes a new group read a topic from its first record. */
const FROM_BEGINNING: Fixes = {
  kafkajs: {
    fr: 'consumer.subscribe({ topics, fromBeginning: true })',
    en: 'consumer.subscribe({ topics, fromBeginning: true })',
  },
  java: {
    fr: 'auto.offset.reset=earliest (ConsumerConfig.AUTO_OFFSET_RESET_CONFIG)',
    en: 'auto.offset.reset=earliest (ConsumerConfig.AUTO_OFFSET_RESET_CONFIG)',
  },
  librdkafka: {
    fr: "'auto.offset.reset': 'earliest' dans la configuration du consommateur",
    en: "'auto.offset.reset': 'earliest' in the consumer's configuration",
  },
  'franz-go': {
    fr: 'kgo.ConsumeResetOffset(kgo.NewOffset().AtStart())',
    en: 'kgo.ConsumeResetOffset(kgo.NewOffset().AtStart())',
  },
  sarama: {
    fr: 'config.Consumer.Offsets.Initial = sarama.OffsetOldest',
    en: 'config.Consumer.Offsets.Initial = sarama.OffsetOldest',
  },
  'kafka-go': {
    fr: 'StartOffset: kafka.FirstOffset dans le ReaderConfig',
    en: 'StartOffset: kafka.FirstOffset in the ReaderConfig',
  },
  'kafka-python': { fr: "auto_offset_reset='earliest'", en: "auto_offset_reset='earliest'" },
};

/** How each client ends: what closes its producer and consumer. */
const CLOSE: Fixes = {
  kafkajs: {
    fr: 'await producer.disconnect() et await consumer.disconnect()',
    en: 'await producer.disconnect() and await consumer.disconnect()',
  },
  java: {
    fr: 'producer.close() et consumer.close() (ou try-with-resources), sans boucle de poll infinie',
    en: 'producer.close() and consumer.close() (or try-with-resources), with no endless poll loop',
  },
  librdkafka: {
    fr: 'producer.flush() puis consumer.close(), en sortant de la boucle de poll après 20 messages',
    en: 'producer.flush() then consumer.close(), leaving the poll loop after 20 records',
  },
  'franz-go': {
    fr: 'client.Close(), en sortant de la boucle PollFetches après 20 messages',
    en: 'client.Close(), leaving the PollFetches loop after 20 records',
  },
  sarama: { fr: 'producer.Close() et consumer.Close()', en: 'producer.Close() and consumer.Close()' },
  'kafka-go': { fr: 'writer.Close() et reader.Close()', en: 'writer.Close() and reader.Close()' },
  'kafka-python': { fr: 'producer.close() et consumer.close()', en: 'producer.close() and consumer.close()' },
};

/** ` Solution's client ... : fix.` for each declared client, or the fixes of the usual clients when none was read. */
export function murmur2Fix(clients: readonly DetectedClient[] | undefined): Localized {
  const own = inClientTerms(MURMUR2, clients, false);
  if (own) return { fr: `La solution déclare ${own.fr}.`, en: `The solution declares ${own.en}.` };
  return {
    fr: `Un partitionneur qui n'est pas celui de Java place la clé ailleurs (kafkajs : ${MURMUR2.kafkajs.fr} ; librdkafka : partitioner=murmur2_random).`,
    en: `A partitioner other than Java's puts the key elsewhere (kafkajs: ${MURMUR2.kafkajs.en}; librdkafka: partitioner=murmur2_random).`,
  };
}

export function fromBeginningFix(clients: readonly DetectedClient[] | undefined): Localized | undefined {
  const own = inClientTerms(FROM_BEGINNING, clients, true);
  return own && { fr: `Pour lire depuis le début ${own.fr}.`, en: `To read from the beginning ${own.en}.` };
}

export function closeFix(clients: readonly DetectedClient[] | undefined): Localized | undefined {
  const own = inClientTerms(CLOSE, clients, true);
  return own && { fr: `Pour terminer ${own.fr}.`, en: `To end ${own.en}.` };
}
