import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { ReadModelDatabase } from './read-model-database';
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

const CRASH_CHILD = join(__dirname, '..', 'test', 'crash-child.ts');
const WORKSPACE = join(__dirname, '..', '..', '..', '..');

/** The invariant: the rows are exactly those of the events up to the checkpoint (here, one row per event). */
function rowsMatchCheckpoint(database: ReadModelDatabase): void {
  const rows = accountsView(database);
  const checkpoint = checkpointOf(database);
  expect(rows.map((row) => row.account_id).sort()).toEqual(
    Array.from({ length: checkpoint }, (_, i) => `a${i}`).sort(),
  );
}

describe('a batch and its checkpoint commit together', () => {
  let box: Sandbox;
  beforeEach(() => (box = sandbox()));
  afterEach(() => box.cleanup());

  it('an error inside apply rolls back every row of the batch and leaves the checkpoint where it was', async () => {
    await registerAccounts(box.store, 40);
    const database = box.openReadModels();
    const seenAtFailure: Array<{ checkpoint: number; rows: number; failingRow: boolean }> = [];
    let failed = false;
    const projection = accountDirectory({
      afterWrite: (event) => {
        // Fails once, after its own row was written, in the middle of the first batch.
        if (event.position === 25 && !failed) {
          failed = true;
          throw new Error('disk hiccup');
        }
      },
    });
    const onFailure = (failure: ProjectionFailure) => {
      seenAtFailure.push({
        checkpoint: checkpointOf(database),
        rows: accountsView(database).length,
        failingRow: accountsView(database).some((row) => row.account_id === 'a24'),
      });
      expect(failure).toMatchObject({
        projection: 'account_directory',
        attempts: 1,
        parked: false,
      });
      expect(failure.event.position).toBe(25);
    };
    const runner = await startRunner(box.store, database, [projection], {
      batchSize: 500,
      batchMs: 10_000,
      onFailure,
    });

    await runner.waitForPosition(40, 5000);
    expect(seenAtFailure).toEqual([{ checkpoint: 0, rows: 0, failingRow: false }]);
    // The retry then applied every event exactly once.
    rowsMatchCheckpoint(database);
    expect(accountsView(database).every((row) => row.changes === 1)).toBe(true);
    expect(runner.parkedEvents()).toEqual([]);
    await runner.stop();
  });

  it('a process killed with SIGKILL mid-batch leaves no row beyond its checkpoint, and a restart completes once', async () => {
    await registerAccounts(box.store, 300);
    const child = spawn(
      process.execPath,
      ['-r', '@swc-node/register', CRASH_CHILD, box.storePath, box.readPath, '250'],
      {
        cwd: WORKSPACE,
        env: { ...process.env, SWC_NODE_PROJECT: join(WORKSPACE, 'tsconfig.base.json') },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const signal = await new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, sig) => resolve(sig)),
    );
    expect({ signal, stderr }).toEqual({ signal: 'SIGKILL', stderr: '' });

    const database = box.openReadModels();
    // Batches of 100: the third one (201..300) died at 250; the first two are in, nothing of the third.
    expect(checkpointOf(database)).toBe(200);
    rowsMatchCheckpoint(database);

    const runner = await startRunner(box.store, database, [accountDirectory()]);
    await runner.waitForPosition(300, 5000);
    expect(accountsView(database)).toHaveLength(300);
    expect(accountsView(database).every((row) => row.changes === 1)).toBe(true);
    await runner.stop();
  }, 60_000);
});
