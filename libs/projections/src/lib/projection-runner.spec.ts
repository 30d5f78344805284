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
import type { RecordedEvent } from '@accounts/event-store';

describe('ProjectionRunner fed by the SQLite event store', () => {
  let box: Sandbox;
  beforeEach(() => (box = sandbox()));
  afterEach(() => box.cleanup());

  it('builds the read model from position 0 and answers queries through the view', async () => {
    const head = await registerAccounts(box.store, 30);
    const database = box.openReadModels();
    const runner = await startRunner(box.store, database, [accountDirectory()]);

    expect(await runner.waitForPosition(head, 5000)).toBe(true);
    expect(accountsView(database)).toHaveLength(30);
    expect(checkpointOf(database)).toBe(head);
    await runner.stop();
  });

  it('resumes from its checkpoint after a restart and applies only what is new', async () => {
    await registerAccounts(box.store, 10);
    const first = await startRunner(box.store, box.openReadModels(), [accountDirectory()]);
    await first.waitForPosition(10);
    await first.stop();

    const head = await registerAccounts(box.store, 5, 10);
    const applied: RecordedEvent[] = [];
    const database = box.openReadModels();
    const second = await startRunner(box.store, database, [accountDirectory({ applied })]);
    await second.waitForPosition(head);

    expect(applied.map((e) => e.position)).toEqual([11, 12, 13, 14, 15]);
    expect(accountsView(database)).toHaveLength(15);
    await second.stop();
  });

  it('lets a handler read its own write: waitForPosition resolves once the event is in the view', async () => {
    const database = box.openReadModels();
    const runner = await startRunner(box.store, database, [accountDirectory()]);
    await registerAccounts(box.store, 1);

    const { position } = await box.store.append(
      'account-a0',
      [emailChanged('a0', 'new@example.com')],
      0,
    );
    expect(await runner.waitForPosition(position, 5000)).toBe(true);
    expect(accountsView(database)[0]).toMatchObject({ email: 'new@example.com', changes: 2 });
    await runner.stop();
  });

  it('waitForPosition does not wait for events outside the filter, and gives up on a position not reached', async () => {
    const database = box.openReadModels();
    const runner = await startRunner(box.store, database, [accountDirectory()]);
    await registerAccounts(box.store, 2);
    const { position } = await box.store.append(
      'authenticator-a0',
      [{ type: 'PasswordSet', data: {} }],
      'no_stream',
    );

    const started = Date.now();
    expect(await runner.waitForPosition(position, 5000)).toBe(true);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(accountsView(database)).toHaveLength(2);
    expect(await runner.waitForPosition(position + 10, 100)).toBe(false);
    await runner.stop();
  });

  it('remembers how far the store holds nothing for the filter: a later wait scans only what is new', async () => {
    const database = box.openReadModels();
    const runner = await startRunner(box.store, database, [accountDirectory()]);
    await registerAccounts(box.store, 1);
    expect(await runner.waitForPosition(1, 5000)).toBe(true);
    for (let i = 0; i < 30; i++)
      await box.store.append(
        `authenticator-x${i}`,
        [{ type: 'PasswordSet', data: {} }],
        'no_stream',
      );
    const readAll = jest.spyOn(box.store, 'readAll');

    expect(await runner.waitForPosition(31, 5000)).toBe(true);
    const { position } = await box.store.append(
      'authenticator-y',
      [{ type: 'PasswordSet', data: {} }],
      'no_stream',
    );
    expect(await runner.waitForPosition(position, 5000)).toBe(true);
    // The checkpoint stays at 1 (nothing since matched): the second scan starts where the first ended.
    expect(readAll.mock.calls.map(([options]) => options?.fromPosition)).toEqual([1, 31]);
    // An event of the filter after the skipped range is still waited for, not taken as reached.
    const registeredAt = await registerAccounts(box.store, 1, 1);
    expect(await runner.waitForPosition(registeredAt, 5000)).toBe(true);
    expect(accountsView(database)).toHaveLength(2);
    readAll.mockRestore();
    await runner.stop();
  });

  it('reports lag and caught-up state for /health', async () => {
    await registerAccounts(box.store, 20);
    await box.store.append('authenticator-a0', [{ type: 'PasswordSet', data: {} }], 'no_stream');
    const runner = await startRunner(box.store, box.openReadModels(), [accountDirectory()]);

    await eventually(async () => (await runner.status())[0].caughtUp);
    expect(await runner.status()).toEqual([
      expect.objectContaining({
        name: 'account_directory',
        version: 1,
        liveVersion: 1,
        position: 20,
        headPosition: 21,
        lag: 0,
        caughtUp: true,
        rebuilding: false,
        parkedEvents: 0,
      }),
    ]);
    await runner.stop();
  });

  it('stop() leaves rows and checkpoint consistent in the middle of a long catch-up', async () => {
    for (let i = 0; i < 20; i++) {
      await box.store.append(
        `account-b${i}`,
        Array.from({ length: 100 }, (_, j) => registered(`b${i}-${j}`)),
        'no_stream',
      );
    }
    const database = box.openReadModels();
    const runner = await startRunner(box.store, database, [accountDirectory()], { batchSize: 50 });
    await eventually(() => checkpointOf(database) > 0, 5000);
    await runner.stop();

    const checkpoint = checkpointOf(database);
    expect(accountsView(database)).toHaveLength(checkpoint);
    const again = await startRunner(box.store, database, [accountDirectory()]);
    await again.waitForPosition(2000);
    expect(accountsView(database).every((row) => row.changes === 1)).toBe(true);
    expect(accountsView(database)).toHaveLength(2000);
    await again.stop();
  });
});
