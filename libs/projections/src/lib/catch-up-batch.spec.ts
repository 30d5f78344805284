import type { ProjectionRunnerOptions } from './projection-runner';
import type { ReadModelDatabase } from './read-model-database';
import {
  accountDirectory,
  accountsView,
  checkpointOf,
  registerAccounts,
  sandbox,
  type Sandbox,
  startRunner,
} from '../test/fixtures';

/** Catches up on the store and counts its transactions: inside one, apply sees the checkpoint the previous one left. */
async function transactionsToCatchUp(
  box: Sandbox,
  options: Partial<ProjectionRunnerOptions>,
): Promise<{ transactions: number; rows: number }> {
  const database: ReadModelDatabase = box.openReadModels();
  const checkpoints = new Set<number>();
  const projection = accountDirectory({
    afterWrite: () => checkpoints.add(checkpointOf(database)),
  });
  const runner = await startRunner(box.store, database, [projection], options);
  await runner.waitForPosition(await box.store.headPosition(), 30_000);
  await runner.stop();
  const rows = accountsView(database).length;
  database.close();
  return { transactions: checkpoints.size, rows };
}

describe('a projection catching up commits big transactions (fewer commits: faster rebuilds)', () => {
  let box: Sandbox;
  beforeEach(() => (box = sandbox()));
  afterEach(() => box.cleanup());

  it('takes 2,000 events per transaction by default while catching up, where the source gives pages of 500', async () => {
    await registerAccounts(box.store, 2500);
    const result = await transactionsToCatchUp(box, {});
    expect(result.rows).toBe(2500);
    expect(result.transactions).toBeLessThanOrEqual(3);
  });

  it('keeps a batch size given to the runner while catching up too', async () => {
    await registerAccounts(box.store, 1000);
    const result = await transactionsToCatchUp(box, { batchSize: 100 });
    expect(result.rows).toBe(1000);
    expect(result.transactions).toBeGreaterThanOrEqual(10);
  });
});
