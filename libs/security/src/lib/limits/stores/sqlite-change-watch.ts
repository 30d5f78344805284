import type Database from 'better-sqlite3';
import { closeSync, openSync, readSync } from 'node:fs';

/** The two copies of the wal-index header (https://www.sqlite.org/walformat.html, section 2.1). */
const HEADER_BYTES = 96;

/**
 * Tells, for the price of one 96-byte pread, whether anyone (this connection, another one, another
 * process) has committed to a WAL-mode SQLite file since the last look: every commit rewrites the
 * wal-index header at the start of the `-shm` file (its change counter, frame count and
 * checksums), and it is by comparing that header that SQLite itself decides whether its page
 * cache is still valid. `PRAGMA data_version` answers the same for other connections only, and
 * costs as much as the read it would save (it takes the same WAL read lock, ~3 us here).
 *
 * Look before reading what you cache: a commit between the look and the read makes the next look
 * report a change, never the other way round.
 */
export class SqliteChangeWatch {
  private readonly seen = Buffer.alloc(HEADER_BYTES);
  private readonly current = Buffer.alloc(HEADER_BYTES);
  private fd: number | undefined;

  private constructor(fd: number) {
    this.fd = fd;
  }

  /**
   * A watch on the connection's file, or undefined where there is no shared wal-index to read
   * (in-memory databases, other journal modes, exclusive locking): then there is nothing to cache by.
   */
  static open(db: Database.Database): SqliteChangeWatch | undefined {
    if (db.memory || String(db.pragma('journal_mode', { simple: true })) !== 'wal')
      return undefined;
    if (String(db.pragma('locking_mode', { simple: true })) !== 'normal') return undefined;
    // The -shm file exists once the connection has read the file in WAL mode.
    db.prepare('SELECT 1 FROM sqlite_master LIMIT 1').get();
    try {
      return new SqliteChangeWatch(openSync(`${db.name}-shm`, 'r'));
    } catch {
      return undefined;
    }
  }

  /** True on the first call and whenever a commit happened since the previous call. */
  changed(): boolean {
    if (this.fd === undefined) return true;
    try {
      const read = readSync(this.fd, this.current, 0, HEADER_BYTES, 0);
      if (read === HEADER_BYTES && this.current.equals(this.seen)) return false;
      this.current.copy(this.seen);
      return true;
    } catch {
      // Whatever happened to the file, the answer that is never wrong.
      return true;
    }
  }

  close(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
  }
}
