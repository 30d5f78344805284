import type { RecordedEvent, SubscribeOptions } from '@accounts/event-store';
import type { ProjectionLogger, SourceProgress, SourceSubscription } from '@accounts/projections';
import type { Admin, Batch, Consumer, ConsumerGroupJoinEvent, Kafka, KafkaMessage } from 'kafkajs';
import { Backoff, Sleeper } from './backoff';
import { type DeadLetterPublisher, type MalformedHandler } from './dead-letter';
import { matchesFilter } from './event-filter';
import { EventQueue } from './event-queue';
import { type EventValidator, parseEventMessage } from './parse-event';
import { parsePublicEventMessage } from './public-message';

export type MessageFormat = 'store' | 'public';
import { partitionKey, PartitionOffsets } from './partition-offsets';
import { retryRetriable } from './retry-retriable';

export interface KafkaSubscriptionSettings {
  readonly kafka: Kafka;
  readonly groupId: string;
  readonly topics: readonly string[];
  readonly sessionTimeout: number;
  readonly heartbeatInterval: number;
  readonly maxWaitTimeInMs: number;
  readonly validate?: EventValidator;
  /** `public`: the topic carries public events (see parsePublicEventMessage); `store`: stored envelopes. */
  readonly format: MessageFormat;
  readonly onMalformed?: MalformedHandler;
  readonly deadLetter?: DeadLetterPublisher;
  readonly logger: ProjectionLogger;
  /** For a rebuild beside the live copy: the live group, while its own subscription is closed. */
  readonly mirrorTo?: () => string | undefined;
  /** Runs before the consumer connects (creates missing topics). */
  readonly beforeStart: () => Promise<void>;
  readonly onClosed: () => void;
}

interface Coordinates {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly generation: number;
}

/**
 * One consumer in its own group feeding one runner worker. Messages are handed over batch by batch
 * (the next fetch waits until the worker took the batch); offsets are committed only in
 * `acknowledge`, i.e. after the read-model transaction, so a crash means redelivery, never loss.
 */
export class KafkaSubscription implements SourceSubscription {
  private readonly queue = new EventQueue<RecordedEvent>();
  private readonly coordinates = new WeakMap<RecordedEvent, Coordinates>();
  private offsets = new Map<string, PartitionOffsets>();
  private generation = 0;
  /** Partition -> last offset that must be seen before the subscription is caught up. */
  private catchUpTargets?: Map<string, number>;
  /**
   * Partition -> offset below which the read model holds everything, over every generation: the
   * group's committed offsets at each join (committed only after the read model), then what this
   * subscription acknowledged. What is applied stays applied, so it only grows.
   */
  private readonly held = new Map<string, number>();
  private caughtUpSignalled = false;
  private consumer?: Consumer;
  private admin?: Admin;
  private started?: Promise<void>;
  private stopping = false;
  private commits: Promise<void> = Promise.resolve();
  private readonly sleeper = new Sleeper();
  /** The pause between attempts to read the catch-up targets (beside the batch loop's own sleeper). */
  private readonly joinSleeper = new Sleeper();

  constructor(
    private readonly settings: KafkaSubscriptionSettings,
    private readonly options: SubscribeOptions,
  ) {}

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return {
      next: async () => {
        this.started ??= this.start();
        await this.started;
        return this.queue.take();
      },
      return: async () => {
        await this.stop();
        return { value: undefined, done: true };
      },
    };
  }

  acknowledge(events: readonly RecordedEvent[]): Promise<void> {
    for (const event of events) {
      const at = this.coordinates.get(event);
      // Delivered before a rebalance: the new generation redelivers it from the committed offset.
      if (at && at.generation === this.generation)
        this.offsetsOf(at.topic, at.partition).acknowledged(at.offset);
    }
    return this.commit();
  }

  /** Per partition, the offset below which the read model holds everything (see SourceProgress). */
  progress(): SourceProgress {
    for (const [key, offsets] of this.offsets) this.hold(key, offsets.doneBelow);
    return new Map(this.held);
  }

  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.sleeper.wake();
    this.joinSleeper.wake();
    this.queue.close();
    // The runner acknowledges its last batch right after asking us to stop: let that commit go out first.
    await new Promise((resolve) => setImmediate(resolve));
    await this.commits;
    await this.started?.catch(() => undefined);
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.disconnect().catch(() => undefined);
    await this.admin?.disconnect().catch(() => undefined);
    this.settings.onClosed();
  }

  private async start(): Promise<void> {
    const { kafka, groupId, topics } = this.settings;
    await this.settings.beforeStart();
    const admin = kafka.admin();
    this.admin = admin;
    await admin.connect();
    // A read model with nothing in it (fromPosition 0) must see the whole topic, whatever the group committed before.
    if ((this.options.fromPosition ?? 0) === 0) await this.resetToEarliest(admin);
    const consumer = kafka.consumer({
      groupId,
      sessionTimeout: this.settings.sessionTimeout,
      heartbeatInterval: this.settings.heartbeatInterval,
      maxWaitTimeInMs: this.settings.maxWaitTimeInMs,
      allowAutoTopicCreation: false,
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, (event) => void this.joined(admin, event));
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart && !this.stopping) this.queue.fail(payload.error);
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [...topics], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: ({ batch, resolveOffset, heartbeat, isRunning, isStale }) =>
        this.handleBatch(
          batch,
          resolveOffset,
          heartbeat,
          () => isRunning() && !isStale() && !this.stopping,
        ),
    });
  }

  private async handleBatch(
    batch: Batch,
    resolveOffset: (offset: string) => void,
    heartbeat: () => Promise<void>,
    active: () => boolean,
  ): Promise<void> {
    const offsets = this.offsetsOf(batch.topic, batch.partition);
    const generation = this.generation;
    for (const message of batch.messages) {
      if (!active()) return;
      const offset = Number(message.offset);
      const parsed =
        this.settings.format === 'public'
          ? parsePublicEventMessage(message, this.settings.validate)
          : parseEventMessage(message.value, this.settings.validate);
      if (!parsed.ok) {
        if (!(await this.park(batch, message, parsed.reason))) return;
        offsets.passed(offset);
      } else if (!matchesFilter(this.options.filter, parsed.event)) {
        offsets.passed(offset);
      } else {
        this.coordinates.set(parsed.event, {
          topic: batch.topic,
          partition: batch.partition,
          offset,
          generation,
        });
        offsets.delivered(offset);
        this.queue.push(parsed.event);
      }
      // Moves kafkajs's fetch position only; what is committed is decided in acknowledge.
      resolveOffset(message.offset);
    }
    // Back-pressure: the next fetch waits until the worker took this batch (heartbeating meanwhile).
    for (;;) {
      const drained = await Promise.race([
        this.queue.drained().then(() => true),
        this.sleeper.sleep(1000).then(() => false),
      ]);
      if (drained || !active()) break;
      await heartbeat();
    }
    await this.commit();
    this.checkCaughtUp();
  }

  /** Dead-letters (and/or reports) a malformed message, retrying until it is parked; false when stopping first. */
  private async park(batch: Batch, message: KafkaMessage, reason: string): Promise<boolean> {
    const malformed = {
      topic: batch.topic,
      partition: batch.partition,
      offset: message.offset,
      key: message.key,
      value: message.value,
      headers: message.headers ?? {},
      reason,
    };
    const backoff = new Backoff(200, 5000);
    for (;;) {
      if (this.stopping) return false;
      try {
        await this.settings.deadLetter?.publish(malformed);
        await this.settings.onMalformed?.(malformed);
        this.settings.logger.warn(
          {
            groupId: this.settings.groupId,
            topic: batch.topic,
            partition: batch.partition,
            offset: message.offset,
            reason,
          },
          'malformed message parked',
        );
        return true;
      } catch (error) {
        this.settings.logger.error(
          {
            groupId: this.settings.groupId,
            topic: batch.topic,
            offset: message.offset,
            err: error,
          },
          'could not park a malformed message; retrying',
        );
        await this.sleeper.sleep(backoff.next());
      }
    }
  }

  /** Commits, per partition, the offset below which everything is done; a failed commit only means redelivery. */
  private commit(): Promise<void> {
    this.commits = this.commits.then(async () => {
      const consumer = this.consumer;
      if (!consumer) return;
      const ready = [...this.offsets.entries()]
        .map(([key, offsets]) => ({ key, offsets, offset: offsets.committable() }))
        .filter(
          (entry): entry is { key: string; offsets: PartitionOffsets; offset: number } =>
            entry.offset !== undefined,
        );
      if (ready.length === 0) return;
      try {
        await consumer.commitOffsets(
          ready.map(({ key, offset }) => ({ ...splitKey(key), offset: String(offset) })),
        );
        for (const { offsets, offset } of ready) offsets.markCommitted(offset);
      } catch (error) {
        this.settings.logger.warn(
          { groupId: this.settings.groupId, err: error },
          'offset commit failed; messages will be redelivered',
        );
      }
    });
    return this.commits;
  }

  /**
   * Called when the live copy's subscription closed beside this rebuild: lowers the live group's
   * offsets to what this rebuild committed, so that whichever copy is live after a restart resumes
   * at or before its own progress (the one that is not gets duplicates, never gaps).
   */
  mirrorNow(): Promise<void> {
    this.commits = this.commits.then(() => this.mirror());
    return this.commits;
  }

  private async mirror(): Promise<void> {
    const target = this.settings.mirrorTo?.();
    const admin = this.admin;
    if (!target || !admin) return;
    try {
      const committed = await retryRetriable(() =>
        admin.fetchOffsets({ groupId: target, topics: [...this.settings.topics] }),
      );
      for (const topic of this.settings.topics) {
        const live = committed.find((entry) => entry.topic === topic)?.partitions ?? [];
        const partitions = (await retryRetriable(() => admin.fetchTopicOffsets(topic))).map(
          (mark) => {
            const low = Number(mark.low);
            const ours = this.offsets.get(partitionKey(topic, mark.partition))?.lastCommitted ?? -1;
            const theirs = Number(
              live.find((entry) => entry.partition === mark.partition)?.offset ?? -1,
            );
            const offset = Math.min(ours < 0 ? low : ours, theirs < 0 ? low : theirs);
            return { partition: mark.partition, offset: String(Math.max(offset, low)) };
          },
        );
        await admin.setOffsets({ groupId: target, topic, partitions });
      }
    } catch (error) {
      this.settings.logger.warn(
        { groupId: this.settings.groupId, target, err: error },
        'could not lower the live group offsets',
      );
    }
  }

  /**
   * New generation: fresh offset bookkeeping, and the catch-up targets of the new assignment. Until
   * they are read the subscription is not caught up: a failed read is retried, never taken for "nothing
   * to read" (that let a rebuild be swapped in with partitions unread).
   */
  private async joined(admin: Admin, event: ConsumerGroupJoinEvent): Promise<void> {
    const generation = ++this.generation;
    for (const [key, offsets] of this.offsets) this.hold(key, offsets.doneBelow);
    this.offsets = new Map();
    this.catchUpTargets = undefined;
    const assignment = event.payload.memberAssignment;
    const backoff = new Backoff(200, 5000);
    for (;;) {
      if (this.stopping || generation !== this.generation) return;
      try {
        const targets = await this.readCatchUpTargets(admin, assignment);
        if (generation !== this.generation) return;
        this.catchUpTargets = targets;
        break;
      } catch (error) {
        this.settings.logger.warn(
          { groupId: this.settings.groupId, err: error },
          'could not read the catch-up targets; retrying',
        );
        await this.joinSleeper.sleep(backoff.next());
      }
    }
    this.checkCaughtUp();
  }

  /** Per assigned partition with messages after the committed offset: the last offset to see. */
  private async readCatchUpTargets(
    admin: Admin,
    assignment: Record<string, number[]>,
  ): Promise<Map<string, number>> {
    const targets = new Map<string, number>();
    const committed = await retryRetriable(() =>
      admin.fetchOffsets({ groupId: this.settings.groupId, topics: Object.keys(assignment) }),
    );
    for (const [topic, partitions] of Object.entries(assignment)) {
      const watermarks = await retryRetriable(() => admin.fetchTopicOffsets(topic));
      const done = committed.find((entry) => entry.topic === topic)?.partitions ?? [];
      for (const partition of partitions) {
        const mark = watermarks.find((entry) => entry.partition === partition);
        const high = Number(mark?.high ?? 0);
        const start = Math.max(
          Number(done.find((entry) => entry.partition === partition)?.offset ?? -1),
          Number(mark?.low ?? 0),
        );
        // The group commits an offset only after the read model committed what is below it.
        this.hold(partitionKey(topic, partition), start);
        if (start < high) targets.set(partitionKey(topic, partition), high - 1);
      }
    }
    return targets;
  }

  private hold(key: string, offset: number): void {
    if (offset > (this.held.get(key) ?? -1)) this.held.set(key, offset);
  }

  private checkCaughtUp(): void {
    if (this.caughtUpSignalled || !this.catchUpTargets) return;
    for (const [key, last] of this.catchUpTargets) {
      if (!this.offsets.get(key)?.seenThrough(last)) return;
    }
    this.caughtUpSignalled = true;
    this.options.onCaughtUp?.();
  }

  private async resetToEarliest(admin: Admin): Promise<void> {
    const { groupId, topics } = this.settings;
    const committed = await retryRetriable(() =>
      admin.fetchOffsets({ groupId, topics: [...topics] }),
    );
    const hasOffsets = committed.some((entry) =>
      entry.partitions.some((partition) => Number(partition.offset) >= 0),
    );
    if (!hasOffsets) return;
    // Fails while members of the group are alive (e.g. one killed, not yet expired): the runner retries.
    for (const topic of topics)
      await retryRetriable(() => admin.resetOffsets({ groupId, topic, earliest: true }));
  }

  private offsetsOf(topic: string, partition: number): PartitionOffsets {
    const key = partitionKey(topic, partition);
    let offsets = this.offsets.get(key);
    if (!offsets) {
      offsets = new PartitionOffsets();
      this.offsets.set(key, offsets);
    }
    return offsets;
  }
}

function splitKey(key: string): { topic: string; partition: number } {
  const colon = key.indexOf(':');
  return { partition: Number(key.slice(0, colon)), topic: key.slice(colon + 1) };
}
