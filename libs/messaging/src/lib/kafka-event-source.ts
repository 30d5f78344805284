import type { SubscribeOptions } from '@accounts/event-store';
import type {
  EventSource,
  ProjectionLogger,
  SourceProgress,
  SourceSubscription,
} from '@accounts/projections';
import type { Kafka } from 'kafkajs';
import { DeadLetterPublisher, deadLetterTopic, type MalformedHandler } from './dead-letter';
import { ensureTopics } from './ensure-topics';
import { kafkaClient, type KafkaConnection, topicPartitionsFromEnv } from './kafka-connection';
import { KafkaSubscription, type MessageFormat } from './kafka-subscription';
import { partitionKey } from './partition-offsets';
import { retryRetriable } from './retry-retriable';
import type { EventValidator } from './parse-event';
import { silentLogger } from './silent-logger';

export interface KafkaEventSourceOptions {
  readonly kafka: KafkaConnection;
  /**
   * The consumer group: it names ONE read-model copy, so one per (service instance, projection),
   * e.g. `auth-service.account_directory`. A second subscription open at the same time (a rebuild
   * beside the live copy) uses `<groupId>.rebuild`; when the live subscription closes, `groupId`'s offsets are lowered to the rebuild's.
   */
  readonly groupId: string;
  /** Topics to read, e.g. `[Topics.profile]`. */
  readonly topics: readonly string[];
  /** `public` (the services' topics: public events) or `store` (stored envelopes as they are; the default). */
  readonly format?: MessageFormat;
  /** Rejects events of unknown type or schema version (they are parked like malformed ones). */
  readonly validate?: EventValidator;
  /** Park malformed messages on `<topic>.dlq` (default true). */
  readonly deadLetter?: boolean;
  /** Also (or instead, with deadLetter: false) hand malformed messages to the service. */
  readonly onMalformed?: MalformedHandler;
  /** Partitions for topics this source has to create (default `KAFKA_TOPIC_PARTITIONS` or 3). */
  readonly partitions?: number;
  /** Default 10 s: how long a killed consumer keeps its partitions before the group moves on. */
  readonly sessionTimeout?: number;
  readonly heartbeatInterval?: number;
  /** Longest wait of one fetch when nothing arrives (default 500 ms; stop() waits at most this). */
  readonly maxWaitTimeInMs?: number;
  readonly logger?: ProjectionLogger;
}

/**
 * A Kafka-fed EventSource for the projection runner: the same projections (with
 * `idempotency: 'eventId'`) read other services' events from their topics instead of the shared
 * store. Delivery is at-least-once; offsets move only after the read model committed.
 */
export class KafkaEventSource implements EventSource {
  private readonly kafka: Kafka;
  private readonly open = new Set<KafkaSubscription>();
  /** The subscription reading with `groupId` itself; others are rebuilds. */
  private live?: KafkaSubscription;
  private topicsReady?: Promise<void>;

  constructor(private readonly options: KafkaEventSourceOptions) {
    this.kafka = kafkaClient(options.kafka, options.groupId);
  }

  subscribe(options: SubscribeOptions): SourceSubscription {
    const isLive = this.live === undefined;
    const groupId = isLive ? this.options.groupId : `${this.options.groupId}.rebuild`;
    const deadLetter =
      this.options.deadLetter === false ? undefined : new DeadLetterPublisher(this.kafka, groupId);
    const subscription: KafkaSubscription = new KafkaSubscription(
      {
        kafka: this.kafka,
        groupId,
        topics: this.options.topics,
        sessionTimeout: this.options.sessionTimeout ?? 10_000,
        heartbeatInterval:
          this.options.heartbeatInterval ??
          Math.min(3000, Math.floor((this.options.sessionTimeout ?? 10_000) / 3)),
        maxWaitTimeInMs: this.options.maxWaitTimeInMs ?? 500,
        validate: this.options.validate,
        format: this.options.format ?? 'store',
        onMalformed: this.options.onMalformed,
        deadLetter,
        logger: this.options.logger ?? silentLogger,
        beforeStart: () => this.ensureTopics(),
        mirrorTo: isLive ? undefined : () => (this.live ? undefined : this.options.groupId),
        onClosed: () => {
          this.open.delete(subscription);
          void deadLetter?.close();
          if (subscription !== this.live) return;
          this.live = undefined;
          // The live copy stopped (swapped out, or the runner stops): the live group must not be ahead of the rebuild.
          for (const rebuild of this.open) void rebuild.mirrorNow();
        },
      },
      options,
    );
    this.open.add(subscription);
    if (isLive) this.live = subscription;
    return subscription;
  }

  /**
   * Per partition of the topics with messages in it, its end offset now: a copy whose progress is at or
   * past it holds every message published before this call (see EventSource.endProgress). One source
   * is one group's topics, whatever the filter.
   */
  async endProgress(): Promise<SourceProgress> {
    await this.ensureTopics();
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const end = new Map<string, number>();
      for (const topic of this.options.topics) {
        for (const mark of await retryRetriable(() => admin.fetchTopicOffsets(topic))) {
          const high = Number(mark.high);
          if (high > Number(mark.low)) end.set(partitionKey(topic, mark.partition), high);
        }
      }
      return end;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  /** Messages not yet committed by this source's group, over all its topics (for /health and metrics). */
  async lag(): Promise<number> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const committed = await retryRetriable(() =>
        admin.fetchOffsets({ groupId: this.options.groupId, topics: [...this.options.topics] }),
      );
      let lag = 0;
      for (const topic of this.options.topics) {
        const done = committed.find((entry) => entry.topic === topic)?.partitions ?? [];
        for (const mark of await retryRetriable(() => admin.fetchTopicOffsets(topic))) {
          const at = Number(done.find((entry) => entry.partition === mark.partition)?.offset ?? -1);
          lag += Math.max(0, Number(mark.high) - Math.max(at, Number(mark.low)));
        }
      }
      return lag;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  /** The topics (and their dead-letter topics) exist before a consumer subscribes: auto-creation is off. */
  private ensureTopics(): Promise<void> {
    const partitions = this.options.partitions ?? topicPartitionsFromEnv();
    this.topicsReady ??= ensureTopics(this.kafka, [
      ...this.options.topics.map((topic) => ({ topic, partitions })),
      ...(this.options.deadLetter === false
        ? []
        : this.options.topics.map((topic) => ({ topic: deadLetterTopic(topic), partitions: 1 }))),
    ]).catch((error) => {
      this.topicsReady = undefined;
      throw error;
    });
    return this.topicsReady;
  }
}
