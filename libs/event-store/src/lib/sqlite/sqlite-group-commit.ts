import type Database from 'better-sqlite3';
import { EventStoreUnavailableError, WrongExpectedVersionError } from '../errors';
import { matchesExpectedRevision } from '../expected-revision';
import type { AppendResult, ExpectedRevision } from '../types';
import type { PreparedEvent } from '../validation';

interface PendingAppend {
  readonly streamId: string;
  readonly expected: ExpectedRevision;
  readonly events: readonly PreparedEvent[];
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
  private readonly currentRevision: Database.Statement<[string], { revision: number }>;
  private readonly insert: Database.Statement;
  private readonly writeBatch: (batch: PendingAppend[]) => Array<AppendResult | Error>;

  constructor(
    db: Database.Database,
    private readonly onCommitted: () => void,
  ) {
    this.currentRevision = db.prepare(
      'SELECT revision FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
    );
    this.insert = db.prepare(
      `INSERT INTO events (stream_id, revision, event_id, type, schema_version, occurred_at, data, metadata)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const appendOne = db.transaction((item: PendingAppend) => this.appendOne(item));
    const writeAll = db.transaction((batch: PendingAppend[]) =>
      batch.map((item) => {
        try {
          return appendOne(item); // nested transaction = SAVEPOINT
        } catch (error) {
          return error as Error;
        }
      }),
    );
    // IMMEDIATE takes the write lock before reading revisions, so no other process can interleave.
    this.writeBatch = (batch) => writeAll.immediate(batch);
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
    this.onCommitted();
    batch.forEach((item, i) => {
      const result = results[i];
      if (result instanceof Error) item.reject(result);
      else item.resolve(result);
    });
  }

  private appendOne(item: PendingAppend): AppendResult {
    const actual = this.currentRevision.get(item.streamId)?.revision ?? -1;
    if (!matchesExpectedRevision(item.expected, actual)) {
      throw new WrongExpectedVersionError(item.streamId, item.expected, actual);
    }
    let revision = actual;
    const positions: number[] = [];
    for (const e of item.events) {
      revision += 1;
      const info = this.insert.run(
        item.streamId,
        revision,
        e.eventId,
        e.type,
        e.schemaVersion,
        e.occurredAt,
        e.data,
        e.metadata,
      );
      positions.push(Number(info.lastInsertRowid));
    }
    return { nextRevision: revision, position: positions[positions.length - 1] ?? 0, positions };
  }
}
