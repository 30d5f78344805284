import type { EventFilter, EventStore, RecordedEvent, Subscription } from '@accounts/event-store';
import type { ProjectionLogger } from '@accounts/projections';
import {
  CompressionTypes,
  type Kafka,
  type Message,
  Partitioners,
  type Producer,
  type ProducerConfig,
} from 'kafkajs';
import { Backoff, Sleeper } from './backoff';
import { ensureTopics } from './ensure-topics';
import { accountIdKey, type PartitionKey, toMessage } from './event-message';
import { publish, type PublicationTableLike, toPublicKafkaMessage } from './public-message';
import { kafkaClient, type KafkaConnection, topicPartitionsFromEnv } from './kafka-connection';
import type { RelayCheckpointStore } from './relay-checkpoint';
import type { RelayStatus } from './relay-status';
import { silentLogger } from './silent-logger';

export interface KafkaRelayOptions {
  /** Names the relay in logs and status, e.g. `profile-service`. */
  readonly name: string;
  readonly store: EventStore;
  /** The service's own streams, e.g. `{ streamPrefixes: ['account-', 'organization-'] }`. */
  readonly filter: EventFilter;
  /** One of `Topics`. */
  readonly topic: string;
  readonly kafka: KafkaConnection;
  readonly checkpoint: RelayCheckpointStore;
  /** Partitions when the relay creates the topic (default `KAFKA_TOPIC_PARTITIONS` or 3). */
  readonly partitions?: number;
  readonly replicationFactor?: number;
  /**
   * The service's publication table: each event goes out as its public event (key by the key rule),
   * or not at all when the table says so. Without one the stored envelope is sent as it is (tests of
   * the relay only: services always give one, see service-kit's kafkaRelayProvider).
   */
  readonly publication?: PublicationTableLike;
  /** Without a publication table: default data.accountId, else the stream id after its prefix. */
  readonly key?: PartitionKey;
  /** Events per send at most (default 500). */
  readonly batchSize?: number;
  /** Milliseconds a batch may collect events (default 20); it is sent earlier when the store has nothing ready. */
  readonly batchMs?: number;
  /** Back-off after a Kafka or store failure (default 200 ms doubling to 5 s). */
  readonly retryInitialMs?: number;
  readonly retryMaxMs?: number;
  readonly logger?: ProjectionLogger;
  /** After Kafka acknowledged a batch, before the checkpoint moves (metrics; tests crash here). */
  readonly afterPublish?: (events: readonly RecordedEvent[]) => void | Promise<void>;
}

/**
 * Publishes a service's events to its Kafka topic (transactional-outbox style, the store being the
 * outbox): a catch-up subscription from the stored checkpoint, a producer with acks=all, one request
 * in flight (order per key) and no retry inside kafkajs (see RELAY_PRODUCER_CONFIG), the checkpoint
 * moved only after Kafka acknowledged the whole batch.
 * At-least-once: a crash between ack and checkpoint republishes that batch; nothing is ever skipped.
 */
export class KafkaRelay {
  private readonly kafka: Kafka;
  private readonly logger: ProjectionLogger;
  private readonly key: PartitionKey;
  private readonly backoff: Backoff;
  private readonly sleeper = new Sleeper();
  private producer?: Producer;
  private subscription?: Subscription;
  private done?: Promise<void>;
  private stopping = false;
  private position = 0;
  private published = 0;
  private connected = false;
  private lastError?: unknown;
  private lastPublishedAt?: string;

  constructor(private readonly options: KafkaRelayOptions) {
    this.kafka = kafkaClient(options.kafka, `${options.name}-relay`);
    this.logger = options.logger ?? silentLogger;
    this.key = options.key ?? accountIdKey;
    this.backoff = new Backoff(options.retryInitialMs ?? 200, options.retryMaxMs ?? 5000);
  }

  /** Starts in the background; Kafka being down is not an error here (status() shows it). */
  start(): void {
    if (this.done) return;
    this.stopping = false;
    this.position = this.options.checkpoint.read();
    this.done = this.run().finally(() => (this.done = undefined));
  }

  /**
   * Ends after the batch in flight was acknowledged, or abandons it when Kafka does not answer
   * within 5 s (it is sent again at the next start). The checkpoint is consistent either way.
   */
  async stop(): Promise<void> {
    const done = this.done;
    if (!done) return;
    this.stopping = true;
    this.sleeper.wake();
    await this.subscription?.stop().catch(() => undefined);
    if (!(await settlesWithin(done, STOP_WAIT_MS))) {
      await this.disconnect();
      await settlesWithin(done, STOP_WAIT_MS);
    }
  }

  async status(): Promise<RelayStatus> {
    const base = {
      name: this.options.name,
      topic: this.options.topic,
      running: this.done !== undefined,
      connected: this.connected,
      position: this.position,
      published: this.published,
      lastPublishedAt: this.lastPublishedAt,
      error: this.lastError === undefined ? undefined : String(this.lastError),
    };
    try {
      const headPosition = await this.options.store.headPosition();
      return { ...base, headPosition, lag: await this.lag(headPosition) };
    } catch {
      return base;
    }
  }

  /** head - checkpoint, or 0 when none of the events after the checkpoint belongs to this relay. */
  private async lag(head: number): Promise<number> {
    if (head <= this.position) return 0;
    const [next] = await this.options.store.readAll({
      fromPosition: this.position,
      maxCount: 1,
      filter: this.options.filter,
    });
    return next ? head - this.position : 0;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.connect();
        if (!this.stopping) await this.pump();
      } catch (error) {
        if (this.stopping) break;
        this.fail(error, 'relay stopped on an error; retrying');
        await this.disconnect();
        await this.sleeper.sleep(this.backoff.next());
      }
    }
    await this.disconnect();
  }

  private async connect(): Promise<Producer> {
    if (this.producer) return this.producer;
    const { topic } = this.options;
    await ensureTopics(this.kafka, [
      {
        topic,
        partitions: this.options.partitions ?? topicPartitionsFromEnv(),
        replicationFactor: this.options.replicationFactor,
      },
    ]);
    const producer = this.kafka.producer(RELAY_PRODUCER_CONFIG);
    await producer.connect();
    this.producer = producer;
    this.connected = true;
    this.logger.info(
      { relay: this.options.name, topic, position: this.position },
      'relay connected to Kafka',
    );
    return producer;
  }

  /** Reads the store from the checkpoint and sends batch after batch; returns only when stopping. */
  private async pump(): Promise<void> {
    const subscription = this.options.store.subscribe({
      fromPosition: this.position,
      filter: this.options.filter,
    });
    this.subscription = subscription;
    const iterator = subscription[Symbol.asyncIterator]();
    const batchSize = this.options.batchSize ?? 500;
    const batchMs = this.options.batchMs ?? 20;
    try {
      let batch: RecordedEvent[] = [];
      let started = 0;
      let pending = iterator.next();
      while (!this.stopping) {
        const next = batch.length > 0 ? await unlessIdle(pending) : await pending;
        if (next === IDLE) {
          await this.publish(batch);
          batch = [];
          continue;
        }
        if (next.done) break;
        if (batch.length === 0) started = Date.now();
        batch.push(next.value);
        if (batch.length >= batchSize || Date.now() - started >= batchMs) {
          await this.publish(batch);
          batch = [];
        }
        pending = iterator.next();
      }
      if (batch.length > 0 && !this.stopping) await this.publish(batch);
    } finally {
      this.subscription = undefined;
      await subscription.stop().catch(() => undefined);
    }
  }

  /** Sends until Kafka acknowledges (backing off in between), then moves the checkpoint. */
  private async publish(events: readonly RecordedEvent[]): Promise<void> {
    const messages = this.messagesOf(events);
    for (;;) {
      if (this.stopping) return;
      // A batch of events that are all kept private: nothing to send, the checkpoint still moves.
      if (messages.length === 0) break;
      try {
        const producer = await this.connect();
        await producer.send({
          topic: this.options.topic,
          acks: -1,
          compression: CompressionTypes.None,
          messages,
        });
        break;
      } catch (error) {
        if (this.stopping) return;
        this.fail(error, 'relay could not publish; retrying the same batch');
        // A fresh producer (new producer id) after a failure: a half-known sequence state never blocks the relay.
        await this.disconnect();
        await this.sleeper.sleep(this.backoff.next());
      }
    }
    await this.options.afterPublish?.(events);
    const position = events[events.length - 1].position;
    this.options.checkpoint.write(position);
    this.position = position;
    this.published += events.length;
    this.lastPublishedAt = new Date().toISOString();
    this.lastError = undefined;
    this.backoff.reset();
  }

  private messagesOf(events: readonly RecordedEvent[]): Message[] {
    const table = this.options.publication;
    if (!table) return events.map((event) => toMessage(event, this.key));
    const messages: Message[] = [];
    for (const event of events) {
      const result = publish(table, event);
      if (result.kind === 'published') messages.push(toPublicKafkaMessage(result.message));
      // Default-deny: a type without a decision is never published (the contracts test makes this a failing build).
      else if (result.kind === 'no-decision')
        this.logger.error(
          {
            relay: this.options.name,
            topic: this.options.topic,
            position: event.position,
            type: event.type,
          },
          'event type has no publication decision; not published',
        );
    }
    return messages;
  }

  private fail(error: unknown, message: string): void {
    this.lastError = error;
    this.logger.warn(
      { relay: this.options.name, topic: this.options.topic, position: this.position, err: error },
      message,
    );
  }

  private async disconnect(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    this.connected = false;
    await producer?.disconnect().catch(() => undefined);
  }
}

const STOP_WAIT_MS = 5000;

/**
 * No retries inside kafkajs's send(): the relay retries the whole batch itself (fresh producer, back-off).
 * kafkajs 2.2 keeps the answers of a send per broker across its own retries and, on a retry, sends only
 * to brokers that have not answered yet. When a partition leader dies mid-send and its partitions move
 * to a broker that already answered for its own partitions, the dead leader's messages are never sent
 * again and send() still resolves: the relay would move its checkpoint past events that are on no
 * broker (seen in the cluster fault test's kafkajs debug log; kafkajs PR #1798, not released). With no
 * inner retry every send() is all acknowledged or an error, and a resend only makes duplicates, which
 * consumers drop by event id. kafkajs refuses an idempotent producer without retries, and idempotence
 * would buy nothing here: its sequence numbers only de-duplicate kafkajs's own retries, and the relay
 * resends through a new producer id anyway. One request in flight keeps the order per partition.
 */
export const RELAY_PRODUCER_CONFIG = {
  idempotent: false,
  maxInFlightRequests: 1,
  allowAutoTopicCreation: false,
  // A getter: kafkajs is then required when a relay starts, not when a service without Kafka loads.
  get createPartitioner() {
    return Partitioners.DefaultPartitioner;
  },
  retry: { retries: 0 },
} as const satisfies ProducerConfig;

/** True when the promise settled within `ms`; the timer never keeps the process alive. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
    timer.unref();
  });
  const settled = promise.then(
    () => true,
    () => true,
  );
  return Promise.race([settled, timeout]).finally(() => clearTimeout(timer));
}

const IDLE = Symbol('idle');

/** The value if the promise settles within this turn of the event loop (the store has it in hand), else IDLE. */
function unlessIdle<T>(promise: Promise<T>): Promise<T | typeof IDLE> {
  return Promise.race([
    promise,
    new Promise<typeof IDLE>((resolve) => setImmediate(() => resolve(IDLE))),
  ]);
}
