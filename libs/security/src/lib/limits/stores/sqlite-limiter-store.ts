import { preparePrivateSqliteFile } from '@accounts/event-store';
import Database from 'better-sqlite3';
import type { LimiterStore, StoredState } from './limiter-store';

const PRUNE_EVERY_WRITES = 1_000;

/**
 * A SQLite file shared by the worker processes of a service on one host (DATA_DIR/<service>-limits.sqlite):
 * WAL, a busy timeout, and `BEGIN IMMEDIATE` around every update, so that two processes never
 * interleave a read and a write of the same counters. Expired keys are pruned every 1,000 writes.
 */
export class SqliteLimiterStore implements LimiterStore {
  private readonly db: Database.Database;
  private readonly read: Database.Statement<[string, number], { state: string }>;
  private readonly write: Database.Statement<[string, string, number]>;
  private readonly remove: Database.Statement<[string]>;
  private readonly prune: Database.Statement<[number]>;
  private writes = 0;

  constructor(path: string) {
    if (path !== ':memory:') preparePrivateSqliteFile(path);
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    // A lost counter after a power cut only forgets some failures; the events stay fsynced elsewhere.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`CREATE TABLE IF NOT EXISTS limiter_entries (
      key TEXT PRIMARY KEY,
      state TEXT NOT NULL,
      expires_at_ms INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS limiter_entries_by_expiry ON limiter_entries (expires_at_ms);`);
    this.read = this.db.prepare(
      'SELECT state FROM limiter_entries WHERE key = ? AND expires_at_ms > ?',
    );
    this.write = this.db.prepare(
      `INSERT INTO limiter_entries (key, state, expires_at_ms) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET state = excluded.state, expires_at_ms = excluded.expires_at_ms`,
    );
    this.remove = this.db.prepare('DELETE FROM limiter_entries WHERE key = ?');
    this.prune = this.db.prepare('DELETE FROM limiter_entries WHERE expires_at_ms <= ?');
  }

  get<T>(key: string, nowMs: number): T | undefined {
    const row = this.read.get(key, nowMs);
    return row ? (JSON.parse(row.state) as T) : undefined;
  }

  update<T>(
    key: string,
    nowMs: number,
    change: (current: T | undefined) => StoredState<T> | undefined,
  ): T | undefined {
    const transaction = this.db.transaction(() => {
      const next = change(this.get<T>(key, nowMs));
      if (next === undefined) this.remove.run(key);
      else this.write.run(key, JSON.stringify(next.state), next.expiresAtMs);
      return next?.state;
    });
    const state = transaction.immediate();
    if (++this.writes % PRUNE_EVERY_WRITES === 0) this.prune.run(nowMs);
    return state;
  }

  delete(key: string): void {
    this.remove.run(key);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
