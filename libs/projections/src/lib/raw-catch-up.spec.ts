import type { RecordedEvent } from '@accounts/event-store';
import { defineProjection } from './projection';
import { redeliveringSource } from '../test/sources';
import {
  accountDirectory,
  accountsView,
  checkpointOf,
  emailChanged,
  eventually,
  registerAccounts,
  registered,
  sandbox,
  type Sandbox,
  startRunner,
} from '../test/fixtures';
import type { EventSource } from './event-source';

/** Registrations only: email changes cannot change it, and it says so from the header. */
function registrations(applied: RecordedEvent[]) {
  return defineProjection({
    name: 'registrations',
    version: 1,
    tables: ['registered'],
    filter: { streamPrefixes: ['account-'] },
    accepts: (event) => event.type === 'AccountRegistered',
    schema: (t) =>
      `CREATE TABLE ${t.registered} (account_id TEXT PRIMARY KEY, position INTEGER NOT NULL)`,
    apply(event, tx) {
      applied.push(event);
      if (event.type !== 'AccountRegistered') return;
      tx.run(
        `INSERT INTO ${tx.table.registered} (account_id, position) VALUES (?, ?)`,
        (event.data as { accountId: string }).accountId,
        event.position,
      );
    },
  });
}

describe('catching up from raw pages of the store (rebuilds, restarts far behind)', () => {
  let box: Sandbox;
  beforeEach(() => (box = sandbox()));
  afterEach(() => box.cleanup());

  async function registeredThenChanged(count: number): Promise<number> {
    await registerAccounts(box.store, count);
    let position = 0;
    for (let i = 0; i < count; i++)
      position = (await box.store.append(`account-a${i}`, [emailChanged(`a${i}`, `n${i}@x.org`)]))
        .position;
    return position;
  }

  it('skips the events the projection does not accept without parsing their payload, and its checkpoint moves past them', async () => {
    const head = await registeredThenChanged(300);
    const store = box.store;
    // The payloads of skipped events are unreadable here: parsing one would throw.
    const source: EventSource & { readAllRaw: typeof store.readAllRaw } = {
      subscribe: (options) => store.subscribe(options),
      headPosition: () => store.headPosition(),
      readAll: (options) => store.readAll(options),
      readAllRaw: async (options) =>
        (await store.readAllRaw(options)).map((event) =>
          event.type === 'AccountEmailChanged' ? { ...event, dataJson: '{not json' } : event,
        ),
    };
    const applied: RecordedEvent[] = [];
    const database = box.openReadModels();
    const runner = await startRunner(source, database, [registrations(applied)]);
    expect(await runner.waitForPosition(head, 10_000)).toBe(true);
    expect(applied).toHaveLength(300);
    expect(applied.every((event) => event.type === 'AccountRegistered')).toBe(true);
    expect(database.all('SELECT * FROM registered')).toHaveLength(300);
    // The last 300 events were all skipped, and the checkpoint is past them: nothing is read twice.
    expect(checkpointOf(database, 'registrations')).toBe(head);
    expect(await runner.status()).toEqual([
      expect.objectContaining({ name: 'registrations', position: head, lag: 0, caughtUp: true }),
    ]);
    await runner.stop();
  });

  it('builds the same rows as the event-by-event subscription (a source without raw pages)', async () => {
    const head = await registeredThenChanged(250);
    const fromRaw = box.openReadModels();
    const raw = await startRunner(box.store, fromRaw, [accountDirectory()]);
    expect(await raw.waitForPosition(head, 10_000)).toBe(true);
    const rows = accountsView(fromRaw);
    await raw.stop();
    fromRaw.close();

    const other = sandbox();
    try {
      for (const event of await box.store.readAll({ maxCount: 10_000 }))
        await other.store.append(event.streamId, [
          { type: event.type, data: event.data, metadata: event.metadata },
        ]);
      const bySubscription = other.openReadModels();
      const runner = await startRunner(
        redeliveringSource(other.store, { times: 1 }),
        bySubscription,
        [accountDirectory()],
      );
      expect(await runner.waitForPosition(head, 10_000)).toBe(true);
      expect(accountsView(bySubscription)).toEqual(rows);
      expect(rows).toHaveLength(250);
      expect(rows.every((row) => row.changes === 2)).toBe(true);
      await runner.stop();
    } finally {
      await other.cleanup();
    }
  });

  it('checkpoints the WAL less often and keeps a big page cache while catching up, and restores both afterwards', async () => {
    const head = await registeredThenChanged(50);
    const database = box.openReadModels();
    const during: { walPages: number; cacheKiB: number }[] = [];
    const settings = () => ({
      walPages: Number(database.db.pragma('wal_autocheckpoint', { simple: true })),
      cacheKiB: -Number(database.db.pragma('cache_size', { simple: true })),
    });
    const projection = accountDirectory({ afterWrite: () => during.push(settings()) });
    const runner = await startRunner(box.store, database, [projection]);
    expect(await runner.waitForPosition(head, 10_000)).toBe(true);
    expect(during).toHaveLength(100);
    expect(during.every((s) => s.walPages === 50_000 && s.cacheKiB === 65_536)).toBe(true);
    // Restored once the catch-up is over (just after its last commit).
    await eventually(() => settings().walPages === 1000 && settings().cacheKiB === 2048);
    // A live event is applied with the small cache.
    const { position } = await box.store.append('account-late', [registered('late')]);
    expect(await runner.waitForPosition(position, 10_000)).toBe(true);
    expect(during[during.length - 1]).toEqual({ walPages: 1000, cacheKiB: 2048 });
    await runner.stop();
  });

  it('a source without raw pages (Kafka) keeps the big page cache until its subscription has caught up', async () => {
    const head = await registeredThenChanged(30);
    const database = box.openReadModels();
    const cacheKiB = () => -Number(database.db.pragma('cache_size', { simple: true }));
    const during: number[] = [];
    const projection = accountDirectory({ afterWrite: () => during.push(cacheKiB()) });
    const runner = await startRunner(redeliveringSource(box.store, { times: 1 }), database, [
      projection,
    ]);
    expect(await runner.waitForPosition(head, 10_000)).toBe(true);
    expect(during).toHaveLength(60);
    // The last batch too, committed just after the source said it caught up.
    expect(during.every((kib) => kib === 65_536)).toBe(true);
    await eventually(() => cacheKiB() === 2048);
    await runner.stop();
  });

  it('commits the last batch as soon as the source has caught up, not at the batch deadline', async () => {
    const head = await registeredThenChanged(20);
    const database = box.openReadModels();
    const started = Date.now();
    const runner = await startRunner(
      redeliveringSource(box.store, { times: 1 }),
      database,
      [accountDirectory()],
      { catchUpBatchMs: 8000 },
    );
    expect(await runner.waitForPosition(head, 10_000)).toBe(true);
    expect(Date.now() - started).toBeLessThan(4000);
    expect(accountsView(database)).toHaveLength(20);
    await runner.stop();
  });

  it('stopped while retrying a failing event, leaves its checkpoint before that event (it is applied at the next start)', async () => {
    const head = await registeredThenChanged(40);
    const failing = (await box.store.readAll({ maxCount: 100 }))[9];
    const database = box.openReadModels();
    let failures = 0;
    const projection = accountDirectory({
      afterWrite: (event) => {
        if (event.eventId === failing.eventId) {
          failures += 1;
          throw new Error('not yet');
        }
      },
    });
    const runner = await startRunner(box.store, database, [projection], {
      retryDelayMs: 60_000,
      maxAttempts: 100,
      // Small batches: the failing one is committed mid-page, with more events scanned after it.
      rawCatchUpBatchSize: 5,
    });
    await eventually(() => failures === 1);
    await runner.stop();
    expect(checkpointOf(database)).toBe(failing.position - 1);
    expect(accountsView(database)).toHaveLength(9);

    const again = await startRunner(box.store, database, [accountDirectory()]);
    expect(await again.waitForPosition(head, 10_000)).toBe(true);
    expect(accountsView(database)).toHaveLength(40);
    await again.stop();
  });
});
