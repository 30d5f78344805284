import { schemaMigrationLockKey } from '@accounts/event-store';
import { BlockingPostgres, type Statement } from './blocking-postgres';
import { type LimiterStore, LimiterStoreUnavailableError, type StoredState } from './limiter-store';

export interface PostgresLimiterStoreOptions {
  readonly connectionString: string;
  /** Schema of the table (the event store's, EVENTSTORE_SCHEMA): one database to run. */
  readonly schema?: string;
  /** Longest wait for the server per call before the call fails. */
  readonly timeoutMs?: number;
}

const PRUNE_EVERY_WRITES = 1_000;

/**
 * A table in the event store's PostgreSQL database, shared by every replica. An update holds a
 * transaction-scoped advisory lock on its key from the read to the write, so replicas never
 * interleave on one key; other keys do not wait. The table is created at first use if missing.
 */
export class PostgresLimiterStore implements LimiterStore {
  private readonly db: BlockingPostgres;
  private readonly table: string;
  private writes = 0;
  private readonly schema: string;
  private readonly schemaName: string;
  private migrated = false;
  private failedAtMs = -Infinity;
  /** The table's creation, sent at construction so that the first request finds it done. */
  private pendingMigration?: number;

  constructor(options: PostgresLimiterStoreOptions) {
    this.schemaName = options.schema ?? 'event_store';
    this.schema = quoteIdentifier(this.schemaName);
    this.table = `${this.schema}.limiter_entries`;
    this.db = new BlockingPostgres(options.connectionString, options.timeoutMs);
    this.pendingMigration = this.db.send(this.migration());
  }

  /** Creates the table at the first use (not in the constructor: a server down at start falls back, then retries). */
  private migrate(): void {
    if (this.migrated) return;
    // A server that is down is asked again every 5 s, not on every request.
    if (Date.now() - this.failedAtMs < 5_000)
      throw new LimiterStoreUnavailableError('not reachable at the last try');
    try {
      const pending = this.pendingMigration;
      this.pendingMigration = undefined;
      // The one sent at start had the time to start a worker and connect; a retry, the usual timeout.
      if (pending !== undefined) this.db.receive(pending, 10_000);
      else this.db.run(this.migration());
      this.migrated = true;
    } catch (error) {
      this.failedAtMs = Date.now();
      throw error;
    }
  }

  private migration(): Statement[] {
    // Replicas starting together: one creates, the others wait on the lock and find it there. The
    // lock is the event store's migration lock of the same schema: with a lock of its own, this
    // CREATE SCHEMA raced the store's and PostgreSQL refused one of the two (pg_namespace duplicate).
    return [
      { sql: 'BEGIN' },
      {
        sql: 'SELECT pg_advisory_xact_lock(hashtext($1))',
        params: [schemaMigrationLockKey(this.schemaName)],
      },
      { sql: `CREATE SCHEMA IF NOT EXISTS ${this.schema}` },
      {
        sql: `CREATE TABLE IF NOT EXISTS ${this.table} (
            key text PRIMARY KEY,
            state text NOT NULL,
            expires_at_ms bigint NOT NULL
          )`,
      },
      {
        sql: `CREATE INDEX IF NOT EXISTS limiter_entries_by_expiry ON ${this.table} (expires_at_ms)`,
      },
      { sql: 'COMMIT' },
    ];
  }

  get<T>(key: string, nowMs: number): T | undefined {
    this.migrate();
    const [rows] = this.db.run([
      {
        sql: `SELECT state FROM ${this.table} WHERE key = $1 AND expires_at_ms > $2`,
        params: [key, nowMs],
      },
    ]);
    return rows[0] ? (JSON.parse(rows[0]['state'] as string) as T) : undefined;
  }

  update<T>(
    key: string,
    nowMs: number,
    change: (current: T | undefined) => StoredState<T> | undefined,
  ): T | undefined {
    this.migrate();
    const [, , rows] = this.db.run([
      { sql: 'BEGIN' },
      {
        sql: 'SELECT pg_advisory_xact_lock(hashtextextended($1, 0))',
        params: [key],
      },
      {
        sql: `SELECT state FROM ${this.table} WHERE key = $1 AND expires_at_ms > $2`,
        params: [key, nowMs],
      },
    ]);
    let next: StoredState<T> | undefined;
    try {
      next = change(rows[0] ? (JSON.parse(rows[0]['state'] as string) as T) : undefined);
    } catch (error) {
      this.db.run([{ sql: 'ROLLBACK' }]);
      throw error;
    }
    const write =
      next === undefined
        ? { sql: `DELETE FROM ${this.table} WHERE key = $1`, params: [key] }
        : {
            sql: `INSERT INTO ${this.table} (key, state, expires_at_ms) VALUES ($1, $2, $3)
                  ON CONFLICT (key) DO UPDATE SET state = excluded.state, expires_at_ms = excluded.expires_at_ms`,
            params: [key, JSON.stringify(next.state), next.expiresAtMs],
          };
    this.db.run([write, { sql: 'COMMIT' }]);
    if (++this.writes % PRUNE_EVERY_WRITES === 0) {
      this.db.run([
        {
          sql: `DELETE FROM ${this.table} WHERE expires_at_ms <= $1`,
          params: [nowMs],
        },
      ]);
    }
    return next?.state;
  }

  delete(key: string): void {
    this.migrate();
    this.db.run([{ sql: `DELETE FROM ${this.table} WHERE key = $1`, params: [key] }]);
  }

  close(): void {
    this.db.close();
  }
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
