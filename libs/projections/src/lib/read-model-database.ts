import Database from 'better-sqlite3';
import { preparePrivateSqliteFile, useWriteAheadLog } from '@accounts/event-store';
import { join } from 'node:path';
import { META_SCHEMA } from './meta-schema';

export interface ReadModelDatabaseOptions {
  readonly path: string;
  /** `normal` (default) may lose the last batches on power loss; they are re-applied from the checkpoint. */
  readonly synchronous?: 'full' | 'normal';
  /**
   * Page cache of the connection in steady state (default 2 MiB). SQLite keeps every page it read or
   * wrote up to this size, in malloc'd memory that glibc does not give back once freed: with 64 MiB, the
   * worker that projected 100,000 accounts kept the whole 33 MiB directory resident for good, for no CPU
   * saved per edit, search or live batch (measured: README, "projmem").
   */
  readonly cacheSizeKiB?: number;
  /**
   * Page cache while a worker catches up (default 64 MiB, see beginCatchUp): a rebuild writes index
   * rows at random keys, and a 2 MiB cache re-reads pages all the time.
   */
  readonly catchUpCacheSizeKiB?: number;
}

/** WAL pages between checkpoints while a worker catches up (see beginCatchUp). */
const CATCH_UP_WAL_PAGES = 50_000;
/** SQLite's own floor for a cache given in KiB (its default before better-sqlite3 raised it to 16 MB). */
const MIN_CACHE_KIB = 2000;
const cacheKiB = (kib: number | undefined, fallback: number) =>
  Math.max(MIN_CACHE_KIB, Math.floor(kib ?? fallback));

/**
 * One SQLite file per service for its read models (WAL). Queries and the runner share this one
 * connection: better-sqlite3 is synchronous, so a query never sees half a batch.
 */
export class ReadModelDatabase {
  readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement<unknown[]>>();
  /** Workers catching up now, and the checkpoint interval to restore after them. */
  private catchingUp = 0;
  private walPages = 1000;
  /**
   * better-sqlite3's `db.transaction(fn)` builds a new wrapper (five functions and their
   * properties) per call; this one is built once and runs the function it is given, nested calls
   * included (a savepoint, as before).
   */
  private immediate?: (fn: () => unknown) => unknown;

  /** `${dataDir}/<service>-read.sqlite` */
  static forService(dataDir: string, service: string): ReadModelDatabase {
    return new ReadModelDatabase({
      path: join(dataDir, `${service}-read.sqlite`),
    });
  }

  constructor(readonly options: ReadModelDatabaseOptions) {
    if (options.path !== ':memory:') preparePrivateSqliteFile(options.path);
    this.db = new Database(options.path);
    useWriteAheadLog(this.db);
    this.db.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma(`cache_size = -${this.cacheSizeKiB}`);
    this.db.exec(META_SCHEMA);
  }

  /** The page cache in steady state, in KiB. */
  get cacheSizeKiB(): number {
    return cacheKiB(this.options.cacheSizeKiB, 2048);
  }

  get path(): string {
    return this.options.path;
  }

  /** A prepared statement, cached by its text: statements over views survive a swap (SQLite re-prepares). */
  statement(sql: string): Database.Statement<unknown[]> {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare<unknown[]>(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  all<Row = Record<string, unknown>>(sql: string, ...params: unknown[]): Row[] {
    return this.statement(sql).all(...params) as Row[];
  }

  get<Row = Record<string, unknown>>(sql: string, ...params: unknown[]): Row | undefined {
    return this.statement(sql).get(...params) as Row | undefined;
  }

  run(sql: string, ...params: unknown[]): Database.RunResult {
    return this.statement(sql).run(...params);
  }

  /** Runs `fn` in a write transaction taken at BEGIN, so two writers never deadlock on upgrade. */
  transaction<T>(fn: () => T): T {
    this.immediate ??= this.db.transaction((body: () => unknown) => body()).immediate;
    return this.immediate(fn) as T;
  }

  /**
   * While a worker catches up (a rebuild, a restart far behind, a copy fed from Kafka):
   * - the page cache grows to `catchUpCacheSizeKiB` (a rebuild writing index rows at random keys
   *   re-read pages all the time with a small one) and shrinks back afterwards, so a worker keeps the
   *   big cache only while it catches up;
   * - SQLite copies the WAL into the file and syncs it every 1000 pages by default, and a rebuild
   *   spent more time there than in its inserts: checkpoints come every CATCH_UP_WAL_PAGES (about
   *   200 MB of WAL at most) instead.
   * Until the last worker catching up calls the function returned, which restores both settings and
   * checkpoints once (passive: never waits for readers); the WAL file shrinks back to 64 MiB when
   * SQLite next starts it over (journal_size_limit). Calling the function again does nothing.
   */
  beginCatchUp(): () => void {
    if (this.catchingUp++ === 0) {
      this.db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
      this.walPages = Number(this.db.pragma('wal_autocheckpoint', { simple: true }));
      this.db.pragma(`wal_autocheckpoint = ${Math.max(CATCH_UP_WAL_PAGES, this.walPages)}`);
      const big = cacheKiB(this.options.catchUpCacheSizeKiB, 65_536);
      this.db.pragma(`cache_size = -${Math.max(big, this.cacheSizeKiB)}`);
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.catchingUp > 0 || !this.db.open) return;
      this.db.pragma(`wal_autocheckpoint = ${this.walPages}`);
      this.db.pragma(`cache_size = -${this.cacheSizeKiB}`);
      this.db.pragma('wal_checkpoint(PASSIVE)');
    };
  }

  /** Drops cached statements that mention `text` (the tables of a dropped copy). */
  forgetStatements(text: string): void {
    for (const sql of this.statements.keys()) if (sql.includes(text)) this.statements.delete(sql);
  }

  close(): void {
    this.statements.clear();
    if (this.db.open) this.db.close();
  }
}
