import type Database from 'better-sqlite3';
import type { EventFilter } from '../types';
import { EVENT_COLUMNS, type EventRow } from './sqlite-rows';
import type { EventHeader } from './sqlite-wakes';

/** Prepared statements for reading, cached per filter shape. */
export class SqliteQueries {
  private readonly readAllCache = new Map<string, Database.Statement>();
  readonly head: Database.Statement<[], { head: number | null }>;
  private readonly headersBetween: Database.Statement<[number, number], EventHeader>;
  readonly forwards: Database.Statement<[string, number, number], EventRow>;
  readonly backwards: Database.Statement<[string, number, number], EventRow>;

  constructor(private readonly db: Database.Database) {
    this.head = db.prepare('SELECT max(position) AS head FROM events');
    this.headersBetween = db
      .prepare<
        [number, number],
        EventHeader
      >('SELECT position, stream_id, type FROM events WHERE position > ? AND position <= ? ORDER BY position')
      .raw(true);
    this.forwards = db
      .prepare<
        [string, number, number],
        EventRow
      >(`SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision ASC LIMIT ?`)
      .raw(true);
    this.backwards = db
      .prepare<
        [string, number, number],
        EventRow
      >(`SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`)
      .raw(true);
  }

  /** Events with fromPosition < position <= upTo matching the filter, in position order. */
  readAll(
    fromPosition: number,
    upTo: number,
    maxCount: number,
    filter: EventFilter = {},
  ): EventRow[] {
    const prefixes = filter.streamPrefixes ?? [];
    const types = filter.eventTypes ?? [];
    const key = `${prefixes.map((p) => p.length).join(',')}|${types.length}`;
    let statement = this.readAllCache.get(key);
    if (!statement) {
      const where = ['position > ?', 'position <= ?'];
      if (prefixes.length)
        where.push(
          `(${prefixes.map((p) => `substr(stream_id, 1, ${p.length}) = ?`).join(' OR ')})`,
        );
      if (types.length) where.push(`type IN (${types.map(() => '?').join(', ')})`);
      statement = this.db
        .prepare(
          `SELECT ${EVENT_COLUMNS} FROM events WHERE ${where.join(' AND ')} ORDER BY position LIMIT ?`,
        )
        .raw(true);
      this.readAllCache.set(key, statement);
    }
    return statement.all(fromPosition, upTo, ...prefixes, ...types, maxCount) as EventRow[];
  }

  /** Position, stream id and type of the events with fromPosition < position <= upTo. */
  headers(fromPosition: number, upTo: number): EventHeader[] {
    return this.headersBetween.all(fromPosition, upTo);
  }

  headPosition(): number {
    return this.head.get()?.head ?? 0;
  }
}
