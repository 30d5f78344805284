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
 * Partitions are read at their own pace (a slower leader, a bigger batch, fetch order): the
 * subscriptions from the `slowFrom`-th on (0: every one; 1: a rebuild beside the live copy, which reads
 * at full speed) hand over the events of `slow` accounts above `holdAbove` only SLOW_PARTITION_MS after
 * the first of them, as a consumer that fetched the other partitions first would.
 */
function slowPartition(
  source: EventSource,
  slow: (event: RecordedEvent) => boolean,
  holdAbove: () => number,
  slowFrom: number,
): EventSource & { heldSince?: number; releasedAt?: number } {
  let subscriptions = 0;
  const wrapped: EventSource & { heldSince?: number; releasedAt?: number } = {
    // Where the source ends: read from the broker, not held back.
    ...(source.endProgress && {
      endProgress: (options) => source.endProgress?.(options) ?? Promise.resolve(undefined),
    }),
    subscribe(options): SourceSubscription {
      const subscription = source.subscribe(options);
      if (subscriptions++ < slowFrom) return subscription;
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
 * A Kafka topic is one ordered log per partition: a rebuild must not be swapped in until it holds, in
 * every partition, what the copy it replaces held. Beside a live copy that is the live copy's progress;
 * at start after a version bump (no live copy runs) it is where every partition ended when the rebuild
 * began. Swapping it in as soon as its highest position reached the old checkpoint (one number across
 * partitions) lost, until the slow partition's events arrived, what the old copy already showed.
 */
describeWithKafka(
  'A Kafka-fed rebuild is swapped in only once it holds what the old copy held',
  () => {
    const env = useBroker();
    let dir: string;
    let store: SqliteEventStore;
    let relay: KafkaRelay | undefined;
    let checkpoint: SqliteRelayCheckpoint | undefined;
    let database: ReadModelDatabase;
    const runners: ProjectionRunner[] = [];

    beforeEach(() => {
      dir = tempDir('kafka-swap-');
      store = openStore(join(dir, 'events.sqlite'));
      database = new ReadModelDatabase({ path: join(dir, 'auth-service-read.sqlite') });
    });

    afterEach(async () => {
      await Promise.all(runners.splice(0).map((runner) => runner.stop()));
      await relay?.stop();
      relay = undefined;
      checkpoint?.close();
      checkpoint = undefined;
      database.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }, 30_000);

    const rows = () => database.all('SELECT * FROM account_emails ORDER BY account_id');
    const total = () =>
      database
        .all<{ changes: number }>('SELECT changes FROM account_emails')
        .reduce((sum, row) => sum + row.changes, 0);
    const accountOf = (event: RecordedEvent) => (event.data as { accountId: string }).accountId;

    /** ACCOUNTS accounts with CHANGES changes relayed to a 3-partition topic; which partition holds each account. */
    async function relayedTopic(topic: string) {
      await appendAccountEvents(store, ACCOUNTS, CHANGES);
      checkpoint = SqliteRelayCheckpoint.open(join(dir, 'relay.sqlite'), topic);
      const running = new KafkaRelay({
        name: 'profile-service',
        store,
        filter: { streamPrefixes: ['account-'] },
        topic,
        kafka: { brokers: env.broker.brokers },
        checkpoint,
        partitions: 3,
      });
      relay = running;
      running.start();
      await eventually(async () => (await running.status()).lag === 0, 30_000, 'relay caught up');
      const partitionOf = new Map(
        (await readTopic(env.kafka, topic)).map((message) => [message.key, message.partition]),
      );
      const slowPartition = partitionOf.get('acc0');
      // An account on another partition than acc0's.
      const fast = [...partitionOf].find(([, partition]) => partition !== slowPartition)?.[0];
      expect(fast).toBeDefined();
      return { partitionOf, slowPartition, fast: fast ?? '' };
    }

    /** One change on acc0's partition, then one (a higher position) on another; returns the head before them. */
    async function changeSlowThenFast(fast: string): Promise<number> {
      const before = await store.headPosition();
      await store.append('account-acc0', [emailChanged('acc0', 1000)]);
      await store.append(`account-${fast}`, [emailChanged(fast, 1001)]);
      return before;
    }

    const kafkaSource = (topic: string, groupId: string) =>
      new KafkaEventSource({
        kafka: { brokers: env.broker.brokers },
        groupId,
        topics: [topic],
        sessionTimeout: 6000,
        maxWaitTimeInMs: 50,
        logger: silentLogger,
      });

    /** A runner whose log records the rows and the time of the swap (logged right after its transaction). */
    function startRunner(source: EventSource, version = 1) {
      const swap: { at?: number; rows: unknown[] } = { rows: [] };
      const runner = new ProjectionRunner({
        database,
        source,
        projections: [accountEmails({ version })],
        batchSize: 20,
        logger: {
          ...silentLogger,
          info: (_details: object, message: string) => {
            if (message !== 'projection rebuild swapped in') return;
            swap.at = Date.now();
            swap.rows = rows();
          },
        },
      });
      runners.push(runner);
      return { runner, swap, started: runner.start() };
    }

    it('one partition behind the others: the swap waits for it; the fresh copy then has every event the live copy had', async () => {
      const topic = 'test.swap.partitions';
      const { partitionOf, slowPartition, fast } = await relayedTopic(topic);
      let holdAbove = Infinity;
      const source = heldBack(
        topic,
        'auth-service.swap',
        partitionOf,
        slowPartition,
        1,
        () => holdAbove,
      );
      const { runner, swap, started } = startRunner(source);
      await started;
      await eventually(() => total() === ACCOUNTS + CHANGES, 30_000, 'live copy filled');

      holdAbove = await changeSlowThenFast(fast);
      await eventually(() => total() === ACCOUNTS + CHANGES + 2, 30_000, 'live copy has both');
      const liveRows = rows();
      await runner.rebuild('account_emails');

      // The rebuild's consumer did hold the slow partition back, and the swap waited for it.
      expect(source.heldSince).toBeDefined();
      expect(swap.rows).toEqual(liveRows);
      expect(swap.at).toBeGreaterThanOrEqual(source.releasedAt ?? Infinity);
    }, 120_000);

    it('a version bump at start, one partition delivered late: the copy is swapped in only once it holds every event the topic held', async () => {
      const topic = 'test.swap.bump';
      const { partitionOf, slowPartition, fast } = await relayedTopic(topic);
      const holdAbove = await changeSlowThenFast(fast);
      await eventually(async () => (await relay?.status())?.lag === 0, 30_000, 'relay caught up');
      const first = startRunner(kafkaSource(topic, 'auth-service.bump'));
      await first.started;
      await eventually(() => total() === ACCOUNTS + CHANGES + 2, 30_000, 'version 1 filled');
      const oldRows = rows();
      await first.runner.stop();

      // Version 2 at start: no live copy runs, the old one keeps answering until the rebuild is swapped in.
      const source = heldBack(
        topic,
        'auth-service.bump',
        partitionOf,
        slowPartition,
        0,
        () => holdAbove,
      );
      const bumped = startRunner(source, 2);
      await bumped.started;
      await eventually(() => source.heldSince !== undefined, 30_000, 'slow partition held back');
      // Held back: the old copy still answers, whole.
      expect(rows()).toEqual(oldRows);
      await bumped.runner.settled();

      expect((await bumped.runner.status())[0]).toMatchObject({
        liveVersion: 2,
        rebuilding: false,
      });
      expect(bumped.swap.rows).toEqual(oldRows);
      expect(bumped.swap.at).toBeGreaterThanOrEqual(source.releasedAt ?? Infinity);
    }, 120_000);

    /** A Kafka source of `groupId` whose subscriptions from the `slowFrom`-th on get acc0's partition late. */
    function heldBack(
      topic: string,
      groupId: string,
      partitionOf: Map<string | null, number>,
      slowOne: number | undefined,
      slowFrom: number,
      holdAbove: () => number,
    ) {
      return slowPartition(
        kafkaSource(topic, groupId),
        (event) => partitionOf.get(accountOf(event)) === slowOne,
        holdAbove,
        slowFrom,
      );
    }
  },
);
