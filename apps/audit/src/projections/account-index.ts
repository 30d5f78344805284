import type { EventStore } from '@accounts/event-store';
import { ProjectionRunner, ReadModelDatabase, type ProjectionLogger } from '@accounts/projections';
import { accountIndexProjection } from './account-index.projection';
import { AccountIndexQueries } from './account-index.queries';

const quiet: ProjectionLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/**
 * The account index outside Nest (the CLI, tests, the benchmark): its own SQLite file, fed from the
 * store by the same projection the service runs, brought up to the store's head before each use.
 */
export class AccountIndex {
  readonly queries: AccountIndexQueries;
  private readonly runner: ProjectionRunner;

  private constructor(
    private readonly store: EventStore,
    readonly database: ReadModelDatabase,
  ) {
    this.runner = new ProjectionRunner({
      database,
      source: store,
      projections: [accountIndexProjection],
      logger: quiet,
    });
    this.queries = new AccountIndexQueries(database);
  }

  static async open(store: EventStore, path: string): Promise<AccountIndex> {
    const index = new AccountIndex(store, new ReadModelDatabase({ path }));
    await index.runner.start();
    return index;
  }

  /** Waits until every event now in the store is indexed. */
  async catchUp(timeoutMs = 600_000): Promise<void> {
    const head = await this.store.headPosition();
    if (!(await this.runner.waitForPosition(head, timeoutMs))) {
      throw new Error(`The account index did not reach position ${head} within ${timeoutMs} ms`);
    }
  }

  async close(): Promise<void> {
    await this.runner.stop();
    this.database.close();
  }
}
