import type { RecordedEvent, SqliteEventStore } from '@accounts/event-store';
import {
  type EventSource,
  ProjectionRunner,
  ReadModelDatabase,
  type SourceSubscription,
} from '@accounts/projections';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  accountEmails,
  appendAccountEvents,
  emailChanged,
  eventually,
  openStore,
  silentLogger,
  tempDir,
} from '../test/fixtures';
import { describeWithKafka, useBroker } from '../test/kafka-broker';
import { readTopic } from '../test/topic-reader';
import { KafkaEventSource } from './kafka-event-source';
import { KafkaRelay } from './kafka-relay';
import { SqliteRelayCheckpoint } from './relay-checkpoint';

const ACCOUNTS = 12;
const CHANGES = 60;
/** How long the rebuild's consumer is kept from one partition's newest events. */
const SLOW_PARTITION_MS = 2000;

/**
 * Partitions are read at their own pace (a slower leader, a bigger batch, fetch order): the rebuild's
 * subscription hands over the events of `slow` accounts above `holdAbove` only SLOW_PARTITION_MS after
 * the first of them, as a consumer that fetched the other partitions first would.
 */
function slowPartitionForRebuilds(
  source: EventSource,
  slow: (event: RecordedEvent) => boolean,
  holdAbove: () => number,
): EventSource & { heldSince?: number; releasedAt?: number } {
  let subscriptions = 0;
  const wrapped: EventSource & { heldSince?: number; releasedAt?: number } = {
    subscribe(options): SourceSubscription {
      const subscription = source.subscribe(options);
      if (subscriptions++ === 0) return subscription; // the live copy reads at full speed
      const iterator = subscription[Symbol.asyncIterator]();
      const held: RecordedEvent[] = [];
      let released = false;
      let wakeReleased: () => void = () => undefined;
      const releasedSignal = new Promise<void>((resolve) => (wakeReleased = resolve));
      let pending: Promise<IteratorResult<RecordedEvent>> | undefined;
      return {
        [Symbol.asyncIterator]: () => ({
          next: async (): Promise<IteratorResult<RecordedEvent>> => {
            for (;;) {
              const first = released ? held.shift() : undefined;
              if (first) return { done: false, value: first };
              pending ??= iterator.next();
              const next = released
                ? await pending
                : await Promise.race([pending, releasedSignal.then(() => undefined)]);
              if (next === undefined) continue; // released: hand over what was held first
              pending = undefined;
              if (next.done || released || !slow(next.value) || next.value.position <= holdAbove())
                return next;
              held.push(next.value);
              if (wrapped.heldSince === undefined) {
                wrapped.heldSince = Date.now();
                setTimeout(() => {
                  released = true;
                  wrapped.releasedAt = Date.now();
                  wakeReleased();
                }, SLOW_PARTITION_MS);
              }
            }
          },
        }),
        stop: () => subscription.stop(),
        acknowledge: (events) => subscription.acknowledge?.(events),
        ...(subscription.progress && { progress: () => subscription.progress?.() ?? new Map() }),
      };
    },
  };
  return wrapped;
}

/**
 * A Kafka topic is one ordered log per partition: a rebuild beside the live copy must not be swapped
 * in until it holds, in every partition, what the live copy held. Swapping it in as soon as its
 * highest position reached the live copy's (one number across partitions) lost, until the slow
 * partition's events arrived, what the live copy already showed.
 */
describeWithKafka(
  'A Kafka-fed rebuild is swapped in only once it holds what the live copy held',
  () => {
    const env = useBroker();
    let dir: string;
    let store: SqliteEventStore;
    let relay: KafkaRelay | undefined;
    let checkpoint: SqliteRelayCheckpoint | undefined;
    let database: ReadModelDatabase;
    let runner: ProjectionRunner | undefined;

    beforeEach(() => {
      dir = tempDir('kafka-swap-');
      store = openStore(join(dir, 'events.sqlite'));
      database = new ReadModelDatabase({ path: join(dir, 'auth-service-read.sqlite') });
    });

    afterEach(async () => {
      await runner?.stop();
      await relay?.stop();
      checkpoint?.close();
      database.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }, 30_000);

    it('one partition behind the others: the swap waits for it; the fresh copy then has every event the live copy had', async () => {
      const topic = 'test.swap.partitions';
      await appendAccountEvents(store, ACCOUNTS, CHANGES);
      checkpoint = SqliteRelayCheckpoint.open(join(dir, 'relay.sqlite'), topic);
      relay = new KafkaRelay({
        name: 'profile-service',
        store,
        filter: { streamPrefixes: ['account-'] },
        topic,
        kafka: { brokers: env.broker.brokers },
        checkpoint,
        partitions: 3,
      });
      relay.start();
      await eventually(async () => (await relay?.status())?.lag === 0, 30_000, 'relay caught up');
      // Which accounts share acc0's partition, and one account on another partition.
      const partitionOf = new Map(
        (await readTopic(env.kafka, topic)).map((message) => [message.key, message.partition]),
      );
      const slowPartition = partitionOf.get('acc0');
      const fast = [...partitionOf].find(([, partition]) => partition !== slowPartition)?.[0];
      expect(fast).toBeDefined();
      const accountOf = (event: RecordedEvent) => (event.data as { accountId: string }).accountId;

      let holdAbove = Infinity;
      const source = slowPartitionForRebuilds(
        new KafkaEventSource({
          kafka: { brokers: env.broker.brokers },
          groupId: 'auth-service.swap',
          topics: [topic],
          sessionTimeout: 6000,
          maxWaitTimeInMs: 50,
          logger: silentLogger,
        }),
        (event) => partitionOf.get(accountOf(event)) === slowPartition,
        () => holdAbove,
      );
      let swappedAt: number | undefined;
      let rowsAtSwap: unknown[] = [];
      const rows = () => database.all('SELECT * FROM account_emails ORDER BY account_id');
      runner = new ProjectionRunner({
        database,
        source,
        projections: [accountEmails()],
        batchSize: 20,
        logger: {
          ...silentLogger,
          // Logged right after the swap's transaction, before anything else can be applied.
          info: (_details: object, message: string) => {
            if (message !== 'projection rebuild swapped in') return;
            swappedAt = Date.now();
            rowsAtSwap = rows();
          },
        },
      });
      await runner.start();
      const total = () =>
        database
          .all<{ changes: number }>('SELECT changes FROM account_emails')
          .reduce((sum, row) => sum + row.changes, 0);
      await eventually(() => total() === ACCOUNTS + CHANGES, 30_000, 'live copy filled');

      // One change on the slow partition, then one (a higher position) on another; the live copy shows both.
      holdAbove = await store.headPosition();
      await store.append('account-acc0', [emailChanged('acc0', 1000)]);
      await store.append(`account-${fast}`, [emailChanged(fast ?? '', 1001)]);
      await eventually(() => total() === ACCOUNTS + CHANGES + 2, 30_000, 'live copy has both');
      const liveRows = rows();
      await runner.rebuild('account_emails');

      // The rebuild's consumer did hold the slow partition back, and the swap waited for it.
      expect(source.heldSince).toBeDefined();
      expect(rowsAtSwap).toEqual(liveRows);
      expect(swappedAt).toBeGreaterThanOrEqual(source.releasedAt ?? Infinity);
    }, 120_000);
  },
);
