import { Kafka, type logCreator, logLevel } from 'kafkajs';
import { appendFileSync } from 'node:fs';
import { MessagingError } from './messaging-error';

/** How to reach Kafka: a ready kafkajs client, or brokers (`KAFKA_BROKERS`, comma separated). */
export type KafkaConnection =
  | Kafka
  | { readonly brokers: string | readonly string[]; readonly clientId?: string };

/**
 * kafkajs logs every refused connection at ERROR, which floods the log during an outage that the
 * relay already reports once per retry; its own logs stay off unless asked for
 * (`KAFKAJS_LOG_LEVEL=debug|info|warn|error`, to stderr or, with `KAFKAJS_LOG_FILE`, to that file).
 */
export function kafkaClient(connection: KafkaConnection, clientId: string): Kafka {
  if (connection instanceof Kafka) return connection;
  const brokers = (
    typeof connection.brokers === 'string' ? connection.brokers.split(',') : [...connection.brokers]
  )
    .map((broker) => broker.trim())
    .filter(Boolean);
  if (brokers.length === 0)
    throw new MessagingError('MESSAGING-no-brokers', 'Set KAFKA_BROKERS to host:port[,host:port]');
  return new Kafka({
    brokers,
    clientId: connection.clientId ?? clientId,
    logLevel: kafkajsLogLevel(process.env['KAFKAJS_LOG_LEVEL']),
    ...(process.env['KAFKAJS_LOG_FILE']
      ? { logCreator: fileLogCreator(process.env['KAFKAJS_LOG_FILE']) }
      : {}),
    retry: { initialRetryTime: 100, maxRetryTime: 2000, retries: 5 },
  });
}

/** Partitions of a topic the relay creates: `KAFKA_TOPIC_PARTITIONS`, default 3. */
export function topicPartitionsFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env['KAFKA_TOPIC_PARTITIONS'];
  if (raw === undefined || raw === '') return 3;
  const partitions = Number(raw);
  if (!Number.isInteger(partitions) || partitions < 1)
    throw new MessagingError(
      'MESSAGING-bad-partitions',
      `KAFKA_TOPIC_PARTITIONS must be a whole number >= 1, got "${raw}"`,
    );
  return partitions;
}

// kafkajs' logLevel is a plain object at run time: no reverse mapping from number to name.
const LEVEL_NAMES: Record<number, string> = { 1: 'error', 2: 'warn', 4: 'info', 5: 'debug' };

// Built here, not at module load: kafkajs is then required only by a service that uses Kafka.
function kafkajsLogLevel(raw: string | undefined): logLevel {
  const levels: Record<string, logLevel> = {
    debug: logLevel.DEBUG,
    info: logLevel.INFO,
    warn: logLevel.WARN,
    error: logLevel.ERROR,
  };
  return levels[(raw ?? '').toLowerCase()] ?? logLevel.NOTHING;
}

/** One JSON line per kafkajs log entry, appended to `path` (a fault test's client story, read afterwards). */
function fileLogCreator(path: string): logCreator {
  return () =>
    ({ namespace, level, log }) => {
      const { message, timestamp, ...extra } = log;
      appendFileSync(
        path,
        `${JSON.stringify({ timestamp, level: LEVEL_NAMES[level] ?? level, namespace, message, ...extra })}\n`,
      );
    };
}
