import type { RecordedEvent } from '@accounts/event-store';
import type { ProjectionFailure } from './projection-logger';
import {
  accountDirectory,
  accountsView,
  checkpointOf,
  registerAccounts,
  sandbox,
  type Sandbox,
  startRunner,
} from '../test/fixtures';

const poisonAt5 = (applied?: RecordedEvent[]) =>
  accountDirectory({
    applied,
    afterWrite: (event) => {
      if (event.position === 5) throw new Error('cannot project this one');
    },
  });

describe('a poison event is parked after N attempts and the runner goes on', () => {
  let box: Sandbox;
  beforeEach(() => (box = sandbox()));
  afterEach(() => box.cleanup());

  it('parks the event with its error, applies the rest, and reports it', async () => {
    await registerAccounts(box.store, 10);
    const failures: ProjectionFailure[] = [];
    const database = box.openReadModels();
    const runner = await startRunner(box.store, database, [poisonAt5()], {
      maxAttempts: 3,
      onFailure: (f) => failures.push(f),
    });

    expect(await runner.waitForPosition(10, 5000)).toBe(true);
    expect(failures.map((f) => [f.attempts, f.parked])).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
    expect(accountsView(database).map((row) => row.account_id)).not.toContain('a4');
    expect(accountsView(database)).toHaveLength(9);
    expect(checkpointOf(database)).toBe(10);
    expect(runner.parkedEvents()).toEqual([
      expect.objectContaining({
        name: 'account_directory',
        position: 5,
        type: 'AccountRegistered',
        attempts: 3,
        error: 'Error: cannot project this one',
      }),
    ]);
    expect(await runner.status()).toEqual([
      expect.objectContaining({ parkedEvents: 1, position: 10 }),
    ]);
    await runner.stop();
  });

  it('does not try a parked event again after a restart', async () => {
    await registerAccounts(box.store, 10);
    const database = box.openReadModels();
    const first = await startRunner(box.store, database, [poisonAt5()], { maxAttempts: 2 });
    await first.waitForPosition(10, 5000);
    await first.stop();

    const applied: RecordedEvent[] = [];
    const second = await startRunner(box.store, database, [poisonAt5(applied)]);
    await registerAccounts(box.store, 1, 10);
    await second.waitForPosition(11, 5000);
    expect(applied.map((e) => e.position)).toEqual([11]);
    expect(second.parkedEvents()).toHaveLength(1);
    await second.stop();
  });

  it('keeps the failure count across a restart before parking', async () => {
    await registerAccounts(box.store, 10);
    const database = box.openReadModels();
    const failures: ProjectionFailure[] = [];
    // A retry delay long enough to stop the runner between two attempts.
    const first = await startRunner(box.store, database, [poisonAt5()], {
      maxAttempts: 3,
      retryDelayMs: 60_000,
      onFailure: (f) => failures.push(f),
    });
    await new Promise<void>((resolve) => {
      const check = setInterval(() => failures.length > 0 && (clearInterval(check), resolve()), 5);
    });
    await first.stop();
    expect(checkpointOf(database)).toBe(4);

    const second = await startRunner(box.store, database, [poisonAt5()], {
      maxAttempts: 3,
      onFailure: (f) => failures.push(f),
    });
    await second.waitForPosition(10, 5000);
    expect(failures.map((f) => f.attempts)).toEqual([1, 2, 3]);
    await second.stop();
  });
});
