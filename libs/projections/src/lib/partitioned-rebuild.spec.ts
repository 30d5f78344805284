import type { RecordedEvent, SqliteEventStore, SubscribeOptions } from '@accounts/event-store';
import type { EventSource, SourceProgress, SourceSubscription } from './event-source';
import {
  accountDirectory,
  accountsView,
  emailChanged,
  eventually,
  registerAccounts,
  sandbox,
  type Sandbox,
  startRunner,
} from '../test/fixtures';

/** Accounts a0, a2, … on partition 0, a1, a3, … on partition 1 (Kafka: one ordered log per key's partition). */
const partitionOf = (event: RecordedEvent): string =>
  String(Number(event.streamId.replace('account-a', '')) % 2);

/**
 * The store's events as two partitions, each in its own order (positions only grow within one):
 * each subscription hands over what exists, says it caught up, then follows new events. A subscription
 * after the first (a rebuild's) gets partition 0's new events only once `release()` is called, as a
 * consumer whose fetch of that partition is late. Progress per partition: the position after the last
 * event acknowledged there.
 */
function partitionedSource(
  store: SqliteEventStore,
): EventSource & { holdAbove: number; release(): void } {
  let subscriptions = 0;
  let released = false;
  const source = {
    holdAbove: Infinity,
    release: () => (released = true),
    headPosition: () => store.headPosition(),
    subscribe(options: SubscribeOptions): SourceSubscription {
      const slow = subscriptions++ > 0;
      const progress = new Map<string, number>();
      let stopped = false;
      async function* deliver(): AsyncGenerator<RecordedEvent> {
        const held: RecordedEvent[] = [];
        const late = (event: RecordedEvent) =>
          slow && !released && partitionOf(event) === '0' && event.position > source.holdAbove;
        let next = options.fromPosition ?? 0;
        for (let caughtUp = false; !stopped; caughtUp = true) {
          for (const event of await store.readAll({ fromPosition: next })) {
            next = event.position;
            if (late(event)) held.push(event);
            else yield event;
          }
          // What existed at subscription time was fetched (one partition's part of it is late).
          if (!caughtUp) options.onCaughtUp?.();
          if (released) yield* held.splice(0);
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      }
      const iterator = deliver();
      return {
        [Symbol.asyncIterator]: () => iterator,
        async stop() {
          stopped = true;
        },
        acknowledge(events) {
          for (const event of events) {
            const part = partitionOf(event);
            progress.set(part, Math.max(progress.get(part) ?? 0, event.position + 1));
          }
        },
        progress: (): SourceProgress => new Map(progress),
      };
    },
  };
  return source;
}

describe('rebuilding from a source of several ordered logs (Kafka partitions)', () => {
  let box: Sandbox;
  beforeEach(() => (box = sandbox()));
  afterEach(() => box.cleanup());

  it('is swapped in only once the fresh copy stands, in every partition, where the live copy stood', async () => {
    await registerAccounts(box.store, 4);
    const source = partitionedSource(box.store);
    const database = box.openReadModels();
    const projection = accountDirectory({ idempotency: 'eventId' });
    const runner = await startRunner(source, database, [projection], { batchSize: 1 });
    await eventually(() => accountsView(database).length === 4);
    // A change on partition 0, then one at a higher position on partition 1: the live copy shows both.
    source.holdAbove = await box.store.headPosition();
    await box.store.append('account-a0', [emailChanged('a0', 'new0@example.com')]);
    await box.store.append('account-a1', [emailChanged('a1', 'new1@example.com')]);
    await eventually(
      () => accountsView(database).filter((row) => row.email.startsWith('new')).length === 2,
    );
    const live = accountsView(database);

    let swapped = false;
    const rebuilding = runner.rebuild('account_directory').then(() => (swapped = true));
    // The fresh copy reached the live copy's highest position (a1's change) but not a0's change.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(swapped).toBe(false);
    expect(accountsView(database)).toEqual(live);

    source.release();
    await rebuilding;
    expect(accountsView(database)).toEqual(live);
    await runner.stop();
  });
});
