import type { RecordedEvent } from '@accounts/event-store';
import { ProjectionRunner } from './projection-runner';
import { projectsInThisProcess } from './process-role';
import {
  accountDirectory,
  accountsView,
  checkpointOf,
  emailChanged,
  registerAccounts,
  sandbox,
  type Sandbox,
  startRunner,
} from '../test/fixtures';

// A worker that only reads: its own connection to the read-model file the projecting worker writes.
describe('ProjectionRunner following another process (WORKERS > 1)', () => {
  let box: Sandbox;
  beforeEach(() => (box = sandbox()));
  afterEach(() => box.cleanup());

  it('follows by default only where the primary set ACCOUNTS_WORKER_ROLE=follower', () => {
    expect(projectsInThisProcess({})).toBe(true);
    expect(projectsInThisProcess({ ACCOUNTS_WORKER_ROLE: 'projector' })).toBe(true);
    expect(projectsInThisProcess({ ACCOUNTS_WORKER_ROLE: 'follower' })).toBe(false);
  });

  it('reads its own write through the checkpoints of the projecting runner, without projecting itself', async () => {
    const projecting = box.openReadModels();
    const projector = await startRunner(box.store, projecting, [accountDirectory()]);
    await registerAccounts(box.store, 3);
    const reading = box.openReadModels();
    const applied: RecordedEvent[] = [];
    const follower = await startRunner(box.store, reading, [accountDirectory({ applied })], {
      follow: true,
    });
    expect(follower.follows).toBe(true);

    const { position } = await box.store.append(
      'account-a1',
      [emailChanged('a1', 'moved@example.com')],
      0,
    );
    expect(await follower.waitForPosition(position, 5000)).toBe(true);
    expect(accountsView(reading).find((row) => row['email'] === 'moved@example.com')).toBeDefined();
    // Only the projecting runner applied anything.
    expect(applied).toEqual([]);
    expect(checkpointOf(reading)).toBe(position);
    await follower.stop();
    await projector.stop();
  });

  it('gives up on a position the projecting runner does not reach (it is stopped), and skips events outside the filter', async () => {
    const projecting = box.openReadModels();
    const projector = await startRunner(box.store, projecting, [accountDirectory()]);
    const head = await registerAccounts(box.store, 2);
    expect(await projector.waitForPosition(head, 5000)).toBe(true);
    const follower = await startRunner(box.store, box.openReadModels(), [accountDirectory()], {
      follow: true,
    });
    // Not in the projection's filter: reached by skipping, as in the projecting process.
    const other = await box.store.append('session-x', [{ type: 'SessionStarted', data: {} }]);
    expect(await follower.waitForPosition(other.position, 2000)).toBe(true);

    await projector.stop();
    const { position } = await box.store.append(
      'account-a0',
      [emailChanged('a0', 'late@example.com')],
      0,
    );
    const started = Date.now();
    expect(await follower.waitForPosition(position, 150)).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    await follower.stop();
  });

  it('reports the shared checkpoints as followed in its status, and refuses what only the projecting runner does', async () => {
    const projector = await startRunner(box.store, box.openReadModels(), [accountDirectory()]);
    const head = await registerAccounts(box.store, 4);
    expect(await projector.waitForPosition(head, 5000)).toBe(true);
    const follower = new ProjectionRunner({
      database: box.openReadModels(),
      source: box.store,
      projections: [accountDirectory()],
      follow: true,
    });
    await follower.start();

    const [status] = await follower.status();
    expect(status).toMatchObject({
      name: 'account_directory',
      position: head,
      headPosition: head,
      lag: 0,
      caughtUp: true,
      followed: true,
    });
    await expect(follower.rebuild('account_directory')).rejects.toMatchObject({
      code: 'PROJECTION-followed',
    });
    expect(() => follower.skipParked('account_directory', 'e')).toThrow(
      expect.objectContaining({ code: 'PROJECTION-followed' }),
    );
    await follower.stop();
    await projector.stop();
  });
});
