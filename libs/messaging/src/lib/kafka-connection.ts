import { Kafka, logLevel } from 'kafkajs';
import { MessagingError } from './messaging-error';

/** How to reach Kafka: a ready kafkajs client, or brokers (`KAFKA_BROKERS`, comma separated). */
export type KafkaConnection = Kafka | { readonly brokers: string | readonly string[]; readonly clientId?: string };

/**
 * kafkajs logs every refused connection at ERROR, which floods the log during an outage that the
 * relay already reports once per retry; its own logs stay off unless asked for.
 */
export function kafkaClient(connection: KafkaConnection, clientId: string): Kafka {
  if (connection instanceof Kafka) return connection;
  const brokers = (typeof connection.brokers === 'string' ? connection.brokers.split(',') : [...connection.brokers])
    .map((broker) => broker.trim())
    .filter(Boolean);
  if (brokers.length === 0) throw new MessagingError('MESSAGING-no-brokers', 'Set KAFKA_BROKERS to host:port[,host:port]');
  return new Kafka({
    brokers,
    clientId: connection.clientId ?? clientId,
    logLevel: process.env['KAFKAJS_LOG_LEVEL'] === 'debug' ? logLevel.DEBUG : logLevel.NOTHING,
    retry: { initialRetryTime: 100, maxRetryTime: 2000, retries: 5 },
  });
}

/** Partitions of a topic the relay creates: `KAFKA_TOPIC_PARTITIONS`, default 3. */
export function topicPartitionsFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env['KAFKA_TOPIC_PARTITIONS'];
  if (raw === undefined || raw === '') return 3;
  const partitions = Number(raw);
  if (!Number.isInteger(partitions) || partitions < 1)
    throw new MessagingError('MESSAGING-bad-partitions', `KAFKA_TOPIC_PARTITIONS must be a whole number >= 1, got "${raw}"`);
  return partitions;
}
