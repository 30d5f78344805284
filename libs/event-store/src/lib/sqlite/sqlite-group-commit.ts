import type Database from 'better-sqlite3';
import { EventStoreUnavailableError } from '../errors';
import type { AppendResult, ExpectedRevision } from '../types';
import type { PreparedEvent } from '../validation';
import { type AppendRequest, createBatchWriter } from './sqlite-batch-writer';

interface PendingAppend extends AppendRequest {
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit: appends requested in the same turn of the event loop are written in one
 * transaction (one fsync), each in its own savepoint so that one append's wrong expected
 * revision does not affect the others. A promise resolves only after the commit.
 */
export class SqliteGroupCommit {
  private queue: PendingAppend[] = [];
  private scheduled = false;
  private readonly writeBatch: (batch: readonly AppendRequest[]) => Array<AppendResult | Error>;

  constructor(
    db: Database.Database,
    /** After each commit, with what it held (the commit bells ring for its types and streams). */
    private readonly onCommitted: (appends: readonly AppendRequest[]) => void,
  ) {
    this.writeBatch = createBatchWriter(db);
  }

  enqueue(
    streamId: string,
    expected: ExpectedRevision,
    events: readonly PreparedEvent[],
  ): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ streamId, expected, events, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Lets a group commit scheduled in this turn finish before the handle goes away. */
  async close(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
  }

  private flush(): void {
    const batch = this.queue;
    this.queue = [];
    this.scheduled = false;
    let results: Array<AppendResult | Error>;
    try {
      results = this.writeBatch(batch);
    } catch (error) {
      const failure = new EventStoreUnavailableError(
        `SQLite append failed: ${(error as Error).message}`,
        error,
      );
      batch.forEach((item) => item.reject(failure));
      return;
    }
    this.onCommitted(batch);
    batch.forEach((item, i) => {
      const result = results[i];
      if (result instanceof Error) item.reject(result);
      else item.resolve(result);
    });
  }
}
