import { preparePrivateSqliteFile, useWriteAheadLog } from '@accounts/event-store';
import Database from 'better-sqlite3';
import type { LimiterStore, StoredState } from './limiter-store';
import { SqliteChangeWatch } from './sqlite-change-watch';

const PRUNE_EVERY_WRITES = 1_000;
/** Keys remembered between commits; most reads (every grant asks twice) find no failures at all. */
const MAX_CACHED_KEYS = 10_000;

interface Cached {
  readonly state: unknown;
  readonly expiresAtMs: number;
}
const ABSENT: Cached = { state: undefined, expiresAtMs: -Infinity };

/**
 * A SQLite file shared by the worker processes of a service on one host (DATA_DIR/<service>-limits.sqlite):
 * WAL, a busy timeout, and `BEGIN IMMEDIATE` around every update, so that two processes never
 * interleave a read and a write of the same counters. Expired keys are pruned every 1,000 writes.
 *
 * `get` answers from this process's memory while nobody has committed to the file since it read
 * the key (SqliteChangeWatch: one pread of the wal-index header instead of a SELECT), so a failure
 * counted by another worker is seen by the very next check here, as before. `update` always reads
 * the file, inside its transaction.
 */
export class SqliteLimiterStore implements LimiterStore {
  private readonly db: Database.Database;
  private readonly read: Database.Statement<[string, number], { state: string }>;
  private readonly readAny: Database.Statement<[string], { state: string; expires_at_ms: number }>;
  private readonly watch: SqliteChangeWatch | undefined;
  private readonly cache = new Map<string, Cached>();
  private readonly write: Database.Statement<[string, string, number]>;
  private readonly remove: Database.Statement<[string]>;
  private readonly prune: Database.Statement<[number]>;
  private writes = 0;

  constructor(path: string) {
    if (path !== ':memory:') preparePrivateSqliteFile(path);
    this.db = new Database(path);
    useWriteAheadLog(this.db);
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
    this.readAny = this.db.prepare(
      'SELECT state, expires_at_ms FROM limiter_entries WHERE key = ?',
    );
    this.remove = this.db.prepare('DELETE FROM limiter_entries WHERE key = ?');
    this.prune = this.db.prepare('DELETE FROM limiter_entries WHERE expires_at_ms <= ?');
    this.watch = SqliteChangeWatch.open(this.db);
  }

  get<T>(key: string, nowMs: number): T | undefined {
    if (!this.watch) return this.readLive<T>(key, nowMs);
    // Look at the header before reading, so that what is cached is never older than what was seen.
    if (this.watch.changed() || this.cache.size >= MAX_CACHED_KEYS) this.cache.clear();
    let cached = this.cache.get(key);
    if (!cached) {
      const row = this.readAny.get(key);
      cached = row
        ? { state: deepFreeze(JSON.parse(row.state)), expiresAtMs: row.expires_at_ms }
        : ABSENT;
      this.cache.set(key, cached);
    }
    return cached.expiresAtMs > nowMs ? (cached.state as T) : undefined;
  }

  /** The file's answer (inside `update`'s transaction: the live state, under the write lock). */
  private readLive<T>(key: string, nowMs: number): T | undefined {
    const row = this.read.get(key, nowMs);
    return row ? (JSON.parse(row.state) as T) : undefined;
  }

  update<T>(
    key: string,
    nowMs: number,
    change: (current: T | undefined) => StoredState<T> | undefined,
  ): T | undefined {
    const transaction = this.db.transaction(() => {
      const next = change(this.readLive<T>(key, nowMs));
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
    this.watch?.close();
    this.cache.clear();
    if (this.db.open) this.db.close();
  }
}

/** Cached states are handed to every caller: none may change what the next one reads. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
