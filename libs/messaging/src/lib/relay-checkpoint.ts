import type { ReadModelDatabase } from '@accounts/projections';
import { preparePrivateSqliteFile, useWriteAheadLog } from '@accounts/event-store';
import Database from 'better-sqlite3';

/** Where a relay keeps the position of the last event Kafka acknowledged. */
export interface RelayCheckpointStore {
  read(): number;
  write(position: number): void;
}

const SCHEMA = `CREATE TABLE IF NOT EXISTS relay_checkpoints (
  name TEXT PRIMARY KEY,
  position INTEGER NOT NULL,
  updated_at TEXT NOT NULL
)`;

/**
 * One row in a SQLite table `relay_checkpoints`: in the service's read-model file
 * (`new SqliteRelayCheckpoint(readModels.db, 'profile-service')`) or a file of its own
 * (`SqliteRelayCheckpoint.open(path, name)`). Losing it costs duplicates on Kafka, never events.
 */
export class SqliteRelayCheckpoint implements RelayCheckpointStore {
  private readonly db: Database.Database;
  private readonly select: Database.Statement<[string]>;
  private readonly upsert: Database.Statement<[string, number, string]>;

  static open(path: string, name: string): SqliteRelayCheckpoint {
    preparePrivateSqliteFile(path);
    const db = new Database(path);
    useWriteAheadLog(db);
    db.pragma('busy_timeout = 5000');
    return new SqliteRelayCheckpoint(db, name, true);
  }

  constructor(
    database: Database.Database | ReadModelDatabase,
    readonly name: string,
    private readonly owned = false,
  ) {
    this.db = 'db' in database ? database.db : database;
    this.db.exec(SCHEMA);
    this.select = this.db.prepare('SELECT position FROM relay_checkpoints WHERE name = ?');
    this.upsert = this.db.prepare(
      `INSERT INTO relay_checkpoints (name, position, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`,
    );
  }

  read(): number {
    return (this.select.get(this.name) as { position: number } | undefined)?.position ?? 0;
  }

  write(position: number): void {
    this.upsert.run(this.name, position, new Date().toISOString());
  }

  /** Closes the file when this checkpoint opened it (`open`); a shared read-model database stays open. */
  close(): void {
    if (this.owned && this.db.open) this.db.close();
  }
}
