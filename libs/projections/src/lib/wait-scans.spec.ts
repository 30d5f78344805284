import {
  accountDirectory,
  accountsView,
  emailChanged,
  registerAccounts,
  sandbox,
  type Sandbox,
  startRunner,
} from '../test/fixtures';

// A read-your-writes wait for an event the read model takes but has not applied yet must not scan
// the store on every check: the answer stays "not yet" until the copy passes that event.
describe('a wait for an event of the filter not applied yet', () => {
  let box: Sandbox;
  beforeEach(() => (box = sandbox()));
  afterEach(() => box.cleanup());

  it('costs one scan in a projecting runner, however often it is checked, and still ends when applied', async () => {
    await registerAccounts(box.store, 2);
    const database = box.openReadModels();
    // The event at position 3 fails twice (a retry pause of 150 ms each) before it is applied.
    let failures = 0;
    const runner = await startRunner(
      box.store,
      database,
      [
        accountDirectory({
          afterWrite: (event) => {
            if (event.position === 3 && failures++ < 2) throw new Error('not yet');
          },
        }),
      ],
      { retryDelayMs: 150, maxAttempts: 5 },
    );
    expect(await runner.waitForPosition(2, 5000)).toBe(true);
    const readAll = jest.spyOn(box.store, 'readAll');
    const { position } = await box.store.append(
      'account-a0',
      [emailChanged('a0', 'moved@example.com')],
      0,
    );
    // Checked many times while the event is retried: not reached, and no scan past the first.
    for (let i = 0; i < 10; i++) expect(await runner.waitForPosition(position, 5)).toBe(false);
    expect(readAll.mock.calls.length).toBeLessThanOrEqual(1);
    expect(await runner.waitForPosition(position, 5000)).toBe(true);
    expect(accountsView(database).find((row) => row.email === 'moved@example.com')).toBeDefined();
    readAll.mockRestore();
    await runner.stop();
  });

  it('costs one scan in a following runner, whose wait polls the checkpoints', async () => {
    const projecting = box.openReadModels();
    const projector = await startRunner(box.store, projecting, [accountDirectory()]);
    const head = await registerAccounts(box.store, 2);
    expect(await projector.waitForPosition(head, 5000)).toBe(true);
    const follower = await startRunner(box.store, box.openReadModels(), [accountDirectory()], {
      follow: true,
    });
    await projector.stop();
    const readAll = jest.spyOn(box.store, 'readAll');
    const { position } = await box.store.append(
      'account-a0',
      [emailChanged('a0', 'late@example.com')],
      0,
    );
    // About ten polls in 150 ms; the projecting runner is stopped, so none of them reaches it.
    expect(await follower.waitForPosition(position, 150)).toBe(false);
    expect(readAll).toHaveBeenCalledTimes(1);
    // Once the projecting runner is back and applies it, the wait ends.
    const restarted = await startRunner(box.store, projecting, [accountDirectory()]);
    expect(await follower.waitForPosition(position, 5000)).toBe(true);
    readAll.mockRestore();
    await follower.stop();
    await restarted.stop();
  });

  // A writer that knows its event is the projection's (it appended to a stream of the filter) says so.
  it("costs no scan when the caller says the event is the projection's, projecting or following", async () => {
    const projecting = box.openReadModels();
    const projector = await startRunner(box.store, projecting, [accountDirectory()]);
    const head = await registerAccounts(box.store, 2);
    expect(await projector.waitForPosition(head, 5000)).toBe(true);
    const follower = await startRunner(box.store, box.openReadModels(), [accountDirectory()], {
      follow: true,
    });
    const readAll = jest.spyOn(box.store, 'readAll');
    const headPosition = jest.spyOn(box.store, 'headPosition');
    const { position } = await box.store.append(
      'account-a0',
      [emailChanged('a0', 'own@example.com')],
      0,
    );
    const name = accountDirectory().name;
    expect(await projector.waitForPosition(position, 5000, name, true)).toBe(true);
    expect(await follower.waitForPosition(position, 5000, name, true)).toBe(true);
    expect(accountsView(projecting).find((row) => row.email === 'own@example.com')).toBeDefined();
    // The only reads were the projection's own (its subscription), none by a wait.
    const byWaits = (spy: jest.SpyInstance) =>
      spy.mock.calls.filter(
        (call) => (call[0] as { maxCount?: number } | undefined)?.maxCount === 1,
      );
    expect(byWaits(readAll)).toEqual([]);
    expect(headPosition.mock.calls.length).toBeLessThanOrEqual(1);
    // Not reached while the projecting runner is stopped: the follower's checks poll the checkpoint only.
    await projector.stop();
    const next = await box.store.append('account-a1', [emailChanged('a1', 'b@example.com')], 0);
    readAll.mockClear();
    expect(await follower.waitForPosition(next.position, 100, name, true)).toBe(false);
    expect(readAll).not.toHaveBeenCalled();
    readAll.mockRestore();
    headPosition.mockRestore();
    await follower.stop();
  });
});
