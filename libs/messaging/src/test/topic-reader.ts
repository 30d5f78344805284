import type { RecordedEvent } from '@accounts/event-store';
import type { Kafka } from 'kafkajs';

export interface TopicMessage {
  readonly partition: number;
  readonly offset: number;
  readonly key: string;
  readonly headers: Record<string, string>;
  readonly value: string;
}

/** Messages on the topic now (sum of the partitions' high watermarks). */
export async function topicCount(kafka: Kafka, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce(
      (sum, partition) => sum + Number(partition.high) - Number(partition.low),
      0,
    );
  } catch {
    return 0;
  } finally {
    await admin.disconnect();
  }
}

/** Everything on the topic up to its current end, read by a throw-away consumer group, in offset order per partition. */
export async function readTopic(
  kafka: Kafka,
  topic: string,
  timeoutMs = 30_000,
): Promise<TopicMessage[]> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map(
    (await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)]),
  );
  await admin.disconnect();
  const remaining = new Set(
    [...ends].filter(([, high]) => high > 0).map(([partition]) => partition),
  );
  const messages: TopicMessage[] = [];
  if (remaining.size === 0) return messages;
  const consumer = kafka.consumer({
    groupId: `reader-${topic}-${Date.now()}-${Math.random()}`,
    maxWaitTimeInMs: 200,
  });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  let timer: NodeJS.Timeout | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      timer = setTimeout(
        () =>
          reject(new Error(`readTopic ${topic}: partitions ${[...remaining]} not read in time`)),
        timeoutMs,
      );
      void consumer.run({
        eachMessage: async ({ partition, message }) => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(message.headers ?? {}))
            headers[name] = String(value);
          messages.push({
            partition,
            offset: Number(message.offset),
            key: message.key?.toString() ?? '',
            headers,
            value: message.value?.toString() ?? '',
          });
          if (Number(message.offset) >= (ends.get(partition) ?? 0) - 1) remaining.delete(partition);
          if (remaining.size === 0) resolve();
        },
      });
    });
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
  }
  return messages.filter((message) => message.offset < (ends.get(message.partition) ?? 0));
}

/**
 * What at-least-once promises a consumer: per key, the first delivery of each event, in the order
 * Kafka holds them. Returns eventIds by key.
 */
export function firstDeliveriesByKey(
  messages: readonly TopicMessage[],
): Map<string, RecordedEvent[]> {
  const byKey = new Map<string, RecordedEvent[]>();
  const seen = new Set<string>();
  const ordered = [...messages].sort((a, b) => a.partition - b.partition || a.offset - b.offset);
  for (const message of ordered) {
    const event = JSON.parse(message.value) as RecordedEvent;
    if (seen.has(event.eventId)) continue;
    seen.add(event.eventId);
    byKey.set(message.key, [...(byKey.get(message.key) ?? []), event]);
  }
  return byKey;
}

/** The store's events grouped the way the relay keys them (by accountId), in store order. */
export function expectedByKey(events: readonly RecordedEvent[]): Map<string, RecordedEvent[]> {
  const byKey = new Map<string, RecordedEvent[]>();
  for (const event of events) {
    const key = (event.data as { accountId: string }).accountId;
    byKey.set(key, [...(byKey.get(key) ?? []), event]);
  }
  return byKey;
}
