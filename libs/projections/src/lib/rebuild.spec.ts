import { ProjectionError } from './projection-error';
import {
  accountDirectory,
  accountsView,
  blockFor,
  emailChanged,
  physicalTablesIn,
  registerAccounts,
  registered,
  sandbox,
  type Sandbox,
  startRunner,
} from '../test/fixtures';

const slow = () => accountDirectory({ afterWrite: () => blockFor(1) });

describe('rebuilding a projection while the service keeps answering', () => {
  let box: Sandbox;
  beforeEach(() => (box = sandbox()));
  afterEach(() => box.cleanup());

  it('builds a fresh copy from position 0, keeps serving and updating the live one, then swaps in one step', async () => {
    await registerAccounts(box.store, 300);
    for (let i = 0; i < 50; i++)
      await box.store.append(
        `account-a${i}`,
        [emailChanged(`a${i}`, `changed${i}@example.com`)],
        0,
      );
    const database = box.openReadModels();
    const runner = await startRunner(box.store, database, [slow()], { batchSize: 20 });
    await runner.waitForPosition(await box.store.headPosition(), 10_000);
    const before = accountsView(database);

    let swapped = false;
    const rebuilding = runner.rebuild('account_directory').then(() => (swapped = true));
    // A write during the rebuild reaches the live copy before the swap.
    const { position } = await box.store.append('account-late', [registered('late')], 'no_stream');
    expect(await runner.waitForPosition(position, 5000)).toBe(true);
    expect(swapped).toBe(false);
    let answered = 0;
    while (!swapped) {
      const rows = accountsView(database);
      expect(rows).toHaveLength(301);
      answered++;
      await new Promise((resolve) => setImmediate(resolve));
    }
    await rebuilding;

    expect(answered).toBeGreaterThan(5);
    const after = accountsView(database);
    expect(after).toEqual(
      [...before, { account_id: 'late', email: 'late@example.com', changes: 1 }].sort((x, y) =>
        x.account_id.localeCompare(y.account_id),
      ),
    );
    expect(physicalTablesIn(database)).toEqual(['account_directory__v1_g2__accounts']);
    expect(await runner.status()).toEqual([
      expect.objectContaining({ generation: 2, rebuilding: false, position: 351 }),
    ]);

    // The rebuilt copy is now the one fed live.
    const next = await box.store.append('account-later', [registered('later')], 'no_stream');
    expect(await runner.waitForPosition(next.position, 5000)).toBe(true);
    expect(accountsView(database)).toHaveLength(302);
    await runner.stop();
  });

  it('a version bump rebuilds at start; the old copy answers until the new one is swapped in', async () => {
    await registerAccounts(box.store, 200);
    const database = box.openReadModels();
    const v1 = await startRunner(box.store, database, [accountDirectory()]);
    await v1.waitForPosition(200);
    await v1.stop();

    const v2 = await startRunner(box.store, database, [
      accountDirectory({ version: 2, afterWrite: () => blockFor(1) }),
    ]);
    expect(await v2.status()).toEqual([
      expect.objectContaining({ version: 2, liveVersion: 1, rebuilding: true, caughtUp: false }),
    ]);
    expect(accountsView(database)).toHaveLength(200);
    expect(accountsView(database)[0]).not.toHaveProperty('email_domain');

    await v2.settled();
    expect(accountsView(database)).toHaveLength(200);
    expect(accountsView(database)[0]).toMatchObject({ email_domain: 'example.com', changes: 1 });
    expect(await v2.status()).toEqual([
      expect.objectContaining({ version: 2, liveVersion: 2, generation: 2, rebuilding: false }),
    ]);
    expect(physicalTablesIn(database)).toEqual(['account_directory__v2_g2__accounts']);
    await v2.stop();
  });

  it('a rebuild interrupted by a stop resumes from its own checkpoint at the next start', async () => {
    await registerAccounts(box.store, 300);
    const database = box.openReadModels();
    const first = await startRunner(box.store, database, [slow()], { batchSize: 20 });
    await first.waitForPosition(300, 10_000);
    const interrupted = first.rebuild('account_directory');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await first.stop();
    await expect(interrupted).rejects.toThrow(ProjectionError);
    expect(
      (
        await database.all<{ position: number }>(
          'SELECT position FROM projection_checkpoints WHERE generation = 2',
        )
      )[0].position,
    ).toBeGreaterThan(0);

    const second = await startRunner(box.store, database, [accountDirectory()]);
    await second.settled();
    expect(await second.status()).toEqual([
      expect.objectContaining({ generation: 2, rebuilding: false }),
    ]);
    expect(accountsView(database)).toHaveLength(300);
    expect(accountsView(database).every((row) => row.changes === 1)).toBe(true);
    expect(physicalTablesIn(database)).toEqual(['account_directory__v1_g2__accounts']);
    await second.stop();
  });
});
