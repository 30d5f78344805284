import type { RecordedEvent } from '@accounts/event-store';
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
import { redeliveringSource } from '../test/sources';

describe('an event is processed at most once per read model', () => {
  let box: Sandbox;
  beforeEach(() => (box = sandbox()));
  afterEach(() => box.cleanup());

  it('eventId mode: every event delivered twice is applied once, and acknowledged after commit', async () => {
    await registerAccounts(box.store, 20);
    await box.store.append('account-a3', [emailChanged('a3', 'x@example.com')], 0);
    const source = redeliveringSource(box.store, { times: 2 });
    const applied: RecordedEvent[] = [];
    const database = box.openReadModels();
    const runner = await startRunner(source, database, [
      accountDirectory({ idempotency: 'eventId', applied }),
    ]);

    await eventually(() => source.acknowledged.length === 42);
    expect(applied).toHaveLength(21);
    expect(
      accountsView(database).every((row) => row.changes === (row.account_id === 'a3' ? 2 : 1)),
    ).toBe(true);
    await runner.stop();
  });

  it('eventId mode: a transport that redelivers everything after a restart changes nothing', async () => {
    await registerAccounts(box.store, 10);
    const database = box.openReadModels();
    const first = await startRunner(redeliveringSource(box.store, { times: 1 }), database, [
      accountDirectory({ idempotency: 'eventId' }),
    ]);
    await eventually(() => accountsView(database).length === 10);
    await first.stop();

    const applied: RecordedEvent[] = [];
    const replay = redeliveringSource(box.store, { times: 1, ignoreCheckpoint: true });
    const second = await startRunner(replay, database, [
      accountDirectory({ idempotency: 'eventId', applied }),
    ]);
    await eventually(() => replay.acknowledged.length === 10);
    expect(applied).toEqual([]);
    expect(accountsView(database).every((row) => row.changes === 1)).toBe(true);
    await second.stop();
  });

  it('eventId mode applies events whose positions arrive out of order (interleaved producers)', async () => {
    await registerAccounts(box.store, 10);
    const source = redeliveringSource(box.store, {
      times: 1,
      reorder: (events) => [...events].reverse(),
    });
    const database = box.openReadModels();
    const runner = await startRunner(source, database, [
      accountDirectory({ idempotency: 'eventId' }),
    ]);

    await eventually(() => source.acknowledged.length === 10);
    expect(accountsView(database)).toHaveLength(10);
    await runner.stop();
  });

  it('position mode: a duplicate at or below the checkpoint is skipped', async () => {
    await registerAccounts(box.store, 20);
    const source = redeliveringSource(box.store, { times: 3 });
    const applied: RecordedEvent[] = [];
    const database = box.openReadModels();
    const runner = await startRunner(source, database, [accountDirectory({ applied })], {
      batchSize: 7,
    });

    await eventually(() => source.acknowledged.length === 60);
    expect(applied.map((e) => e.position)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    await runner.stop();
  });
});
