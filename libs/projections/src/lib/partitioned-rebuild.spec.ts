import type { RecordedEvent, SqliteEventStore, SubscribeOptions } from '@accounts/event-store';
import type { EventSource, SourceProgress, SourceSubscription } from './event-source';
import type { ProjectionRunner } from './projection-runner';
import {
  accountDirectory,
  accountsView,
  emailChanged,
  eventually,
  registerAccounts,
  sandbox,
  silentLogger,
  type Sandbox,
  startRunner as startFixtureRunner,
} from '../test/fixtures';

/** Accounts a0, a2, … on partition 0, a1, a3, … on partition 1 (Kafka: one ordered log per key's partition). */
const partitionOf = (event: RecordedEvent): string =>
  String(Number(event.streamId.replace('account-a', '')) % 2);

/**
 * The store's events as two partitions, each in its own order (positions only grow within one):
 * each subscription hands over what exists, says it caught up, then follows new events. Subscriptions
 * from the `slowFrom`-th on (default 1: a rebuild's beside the live copy) get partition 0's events above
 * `holdAbove` only once `release()` is called, as a consumer whose fetch of that partition is late.
 * Progress per partition: the position after the last event acknowledged there; the end: the position
 * after its last event (the first `failEnds` reads of it fail, as on a busy broker).
 */
function partitionedSource(
  store: SqliteEventStore,
  slowFrom = 1,
): EventSource & { holdAbove: number; failEnds: number; endReads: number; release(): void } {
  let subscriptions = 0;
  let released = false;
  const source = {
    holdAbove: Infinity,
    failEnds: 0,
    endReads: 0,
    release: () => (released = true),
    headPosition: () => store.headPosition(),
    async endProgress(): Promise<SourceProgress> {
      if (source.endReads++ < source.failEnds) throw new Error('broker busy');
      const end = new Map<string, number>();
      for (const event of await store.readAll({})) end.set(partitionOf(event), event.position + 1);
      return end;
    },
    subscribe(options: SubscribeOptions): SourceSubscription {
      const slow = subscriptions++ >= slowFrom;
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
  /** Stopped after each test, also one that failed (their sources poll until stopped). */
  const runners: ProjectionRunner[] = [];
  const startRunner = async (...args: Parameters<typeof startFixtureRunner>) => {
    const runner = await startFixtureRunner(...args);
    runners.push(runner);
    return runner;
  };
  beforeEach(() => (box = sandbox()));
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((runner) => runner.stop()));
    box.cleanup();
  });

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

  it('after a version bump at start (no live copy to compare with): swapped in only once it holds, in every partition, where the source ended', async () => {
    await registerAccounts(box.store, 4);
    const database = box.openReadModels();
    const version1 = await startRunner(box.store, database, [
      accountDirectory({ idempotency: 'eventId' }),
    ]);
    await box.store.append('account-a0', [emailChanged('a0', 'new0@example.com')]);
    await box.store.append('account-a1', [emailChanged('a1', 'new1@example.com')]);
    await version1.waitForPosition(await box.store.headPosition());
    const old = accountsView(database);
    await version1.stop();

    // Version 2 reads a0's change late, and the first two reads of where the source ends fail.
    const source = partitionedSource(box.store, 0);
    source.holdAbove = (await box.store.headPosition()) - 2;
    source.failEnds = 2;
    const warnings: string[] = [];
    const runner = await startRunner(
      source,
      database,
      [accountDirectory({ idempotency: 'eventId', version: 2 })],
      { logger: { ...silentLogger, warn: (_details, message) => void warnings.push(message) } },
    );
    let swapped = false;
    const settled = runner.settled().then(() => (swapped = true));
    // Caught up, and past the old checkpoint (a1's change), but a0's change is not in: the old copy answers.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(swapped).toBe(false);
    expect(accountsView(database)).toEqual(old);
    expect(source.endReads).toBe(3);
    expect(warnings).toEqual([
      'could not read where the source ends; retrying',
      'could not read where the source ends; retrying',
    ]);

    source.release();
    await settled;
    expect((await runner.status())[0]).toMatchObject({ liveVersion: 2, rebuilding: false });
    expect(
      accountsView(database).map(({ account_id, email, changes }) => ({
        account_id,
        email,
        changes,
      })),
    ).toEqual(old);
    await runner.stop();
  });

  it('a runner stopped while it cannot read where the source ends leaves the old copy live', async () => {
    await registerAccounts(box.store, 2);
    const database = box.openReadModels();
    const version1 = await startRunner(box.store, database, [
      accountDirectory({ idempotency: 'eventId' }),
    ]);
    await version1.waitForPosition(await box.store.headPosition());
    const old = accountsView(database);
    await version1.stop();

    const source = partitionedSource(box.store, 0);
    source.failEnds = Infinity;
    const runner = await startRunner(source, database, [
      accountDirectory({ idempotency: 'eventId', version: 2 }),
    ]);
    await eventually(() => source.endReads >= 2, 5000);
    await runner.stop();
    expect(accountsView(database)).toEqual(old);
  });
});
