import { useWriteAheadLog } from './write-ahead-log';
import type Database from 'better-sqlite3';

export type SqliteSynchronous = 'full' | 'normal';

/**
 * One row per event. `position` is an AUTOINCREMENT rowid, so it only grows and is never reused,
 * even after a rolled-back append. UNIQUE(stream_id, revision) is the last line of defence
 * against a duplicate revision; the write lock (BEGIN IMMEDIATE) is the first.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position       INTEGER PRIMARY KEY AUTOINCREMENT,
  stream_id      TEXT    NOT NULL,
  revision       INTEGER NOT NULL,
  event_id       TEXT    NOT NULL,
  type           TEXT    NOT NULL,
  schema_version INTEGER NOT NULL,
  occurred_at    TEXT    NOT NULL,
  data           TEXT    NOT NULL,
  metadata       TEXT    NOT NULL,
  UNIQUE (stream_id, revision)
);
`;

export function openEventsDatabase(
  db: Database.Database,
  synchronous: SqliteSynchronous,
  busyTimeoutMs: number,
): void {
  // Several processes share the file: wait for the write lock instead of failing at once.
  db.pragma(`busy_timeout = ${busyTimeoutMs}`);
  useWriteAheadLog(db, busyTimeoutMs);
  // FULL: every commit is fsynced (survives power loss). NORMAL: survives process crashes only.
  db.pragma(`synchronous = ${synchronous.toUpperCase()}`);
  db.exec(SCHEMA);
}
