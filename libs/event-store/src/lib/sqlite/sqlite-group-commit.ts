import type Database from 'better-sqlite3';
import { EventStoreUnavailableError } from '../errors';
import type { AppendResult, ExpectedRevision } from '../types';
import type { PreparedEvent } from '../validation';
import { type AppendRequest, createBatchWriter } from './sqlite-batch-writer';

interface PendingAppend extends AppendRequest {
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

/** Waits between tries for the write lock another process holds: a commit there takes about an fsync. */
const LOCK_RETRY_MS = [1, 1, 2, 2, 4];

/**
 * Group commit: appends requested in the same turn of the event loop are written in one
 * transaction (one fsync), each in its own savepoint so that one append's wrong expected
 * revision does not affect the others. A promise resolves only after the commit.
 *
 * When another process holds the write lock, the batch waits on a timer instead of in SQLite's
 * busy handler: that handler sleeps the thread (1, 2, 5, 10 ms, …), and better-sqlite3 runs on the
 * event loop, so every request of the process stood still behind another worker's fsync. Appends
 * requested meanwhile join the waiting batch. After `busyTimeoutMs` without the lock the batch fails.
 */
export class SqliteGroupCommit {
  private queue: PendingAppend[] = [];
  private scheduled = false;
  private readonly writeBatch: (batch: readonly AppendRequest[]) => Array<AppendResult | Error>;
  private readonly noLockWait: Database.Statement;
  private readonly lockWait: Database.Statement;
  /** When the waiting batch first found the lock taken, and how many tries since. */
  private lockedSinceMs?: number;
  private lockTries = 0;
  private retry?: NodeJS.Timeout;

  constructor(
    private readonly db: Database.Database,
    /** After each commit, with what it held (the commit bells ring for its types and streams). */
    private readonly onCommitted: (appends: readonly AppendRequest[]) => void,
    private readonly busyTimeoutMs = 10_000,
  ) {
    this.writeBatch = createBatchWriter(db);
    // The connection keeps its busy timeout for reads (a WAL reader waits only in rare cases).
    this.noLockWait = db.prepare('PRAGMA busy_timeout = 0');
    this.lockWait = db.prepare(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
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
    if (this.retry) {
      // A batch still waiting for another process's lock gets one last try, waiting in SQLite.
      clearTimeout(this.retry);
      this.retry = undefined;
      this.flush(true);
    }
  }

  private flush(waitInSqlite = false): void {
    const batch = this.queue;
    this.queue = [];
    this.scheduled = false;
    this.retry = undefined;
    let results: Array<AppendResult | Error>;
    try {
      if (!waitInSqlite) this.noLockWait.get();
      try {
        results = this.writeBatch(batch);
      } finally {
        if (!waitInSqlite) this.lockWait.get();
      }
    } catch (error) {
      // Only a lock not taken is retried: a transaction that began and then failed is not.
      if (!waitInSqlite && isLocked(error) && !this.db.inTransaction && this.mayWaitForLock()) {
        this.queue = batch.concat(this.queue);
        this.scheduled = true;
        const delay = LOCK_RETRY_MS[Math.min(this.lockTries - 1, LOCK_RETRY_MS.length - 1)];
        this.retry = setTimeout(() => this.flush(), delay);
        return;
      }
      this.lockedSinceMs = undefined;
      const failure = new EventStoreUnavailableError(
        `SQLite append failed: ${(error as Error).message}`,
        error,
      );
      batch.forEach((item) => item.reject(failure));
      return;
    }
    this.lockedSinceMs = undefined;
    this.onCommitted(batch);
    batch.forEach((item, i) => {
      const result = results[i];
      if (result instanceof Error) item.reject(result);
      else item.resolve(result);
    });
  }

  private mayWaitForLock(): boolean {
    const now = Date.now();
    if (this.lockedSinceMs === undefined) {
      this.lockedSinceMs = now;
      this.lockTries = 0;
    }
    this.lockTries += 1;
    return now - this.lockedSinceMs < this.busyTimeoutMs;
  }
}

/** SQLITE_BUSY: another connection holds the write lock (BEGIN IMMEDIATE could not take it). */
function isLocked(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}
