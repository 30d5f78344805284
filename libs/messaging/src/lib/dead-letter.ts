import type { IHeaders, Kafka, Producer } from 'kafkajs';
import { Partitioners } from 'kafkajs';

/** A message that cannot become a RecordedEvent, with the reason. */
export interface MalformedMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: IHeaders;
  readonly reason: string;
}

export type MalformedHandler = (message: MalformedMessage) => void | Promise<void>;

/** Where a topic's malformed messages are parked. */
export const deadLetterTopic = (topic: string): string => `${topic}.dlq`;

/**
 * Parks malformed messages on `<topic>.dlq`: the original key, value and headers, plus
 * `dlq-reason`, `dlq-topic`, `dlq-partition`, `dlq-offset` and `dlq-group`.
 */
export class DeadLetterPublisher {
  private producer?: Producer;

  constructor(
    private readonly kafka: Kafka,
    private readonly groupId: string,
  ) {}

  async publish(message: MalformedMessage): Promise<void> {
    if (!this.producer) {
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await producer.connect();
      this.producer = producer;
    }
    try {
      await this.producer.send({
        topic: deadLetterTopic(message.topic),
        acks: -1,
        messages: [
          {
            key: message.key,
            value: message.value,
            headers: {
              ...message.headers,
              'dlq-reason': message.reason,
              'dlq-topic': message.topic,
              'dlq-partition': String(message.partition),
              'dlq-offset': message.offset,
              'dlq-group': this.groupId,
            },
          },
        ],
      });
    } catch (error) {
      await this.close();
      throw error;
    }
  }

  async close(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await producer?.disconnect().catch(() => undefined);
  }
}
