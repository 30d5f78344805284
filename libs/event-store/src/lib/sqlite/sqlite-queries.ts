import type Database from 'better-sqlite3';
import type { EventFilter } from '../types';
import { EVENT_COLUMNS, type EventRow } from './sqlite-rows';
import type { EventHeader } from './sqlite-wakes';
import { StatementsByLimit } from './statements-by-limit';

/** Prepared statements for reading, cached per filter shape. */
export class SqliteQueries {
  private readonly readAllCache = new Map<string, StatementsByLimit<unknown[], EventRow>>();
  readonly head: Database.Statement<[], { head: number | null }>;
  private readonly headersBetween: Database.Statement<[number, number], EventHeader>;
  /** A stream's events from a revision on, by limit (-1: all). */
  readonly forwards: StatementsByLimit<[string, number], EventRow>;
  /** A stream's events from a revision back, by limit (-1: all). */
  readonly backwards: StatementsByLimit<[string, number], EventRow>;

  constructor(private readonly db: Database.Database) {
    this.head = db.prepare('SELECT max(position) AS head FROM events');
    this.headersBetween = db
      .prepare<
        [number, number],
        EventHeader
      >('SELECT position, stream_id, type FROM events WHERE position > ? AND position <= ? ORDER BY position')
      .raw(true);
    this.forwards = new StatementsByLimit(
      db,
      (limit) =>
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision ASC LIMIT ${limit}`,
    );
    this.backwards = new StatementsByLimit(
      db,
      (limit) =>
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ${limit}`,
    );
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
    let statements = this.readAllCache.get(key);
    if (!statements) {
      const where = ['position > ?', 'position <= ?'];
      if (prefixes.length)
        where.push(
          `(${prefixes.map((p) => `substr(stream_id, 1, ${p.length}) = ?`).join(' OR ')})`,
        );
      if (types.length) where.push(`type IN (${types.map(() => '?').join(', ')})`);
      const text = (limit: number) =>
        `SELECT ${EVENT_COLUMNS} FROM events WHERE ${where.join(' AND ')} ORDER BY position LIMIT ${limit}`;
      statements = new StatementsByLimit(this.db, text);
      this.readAllCache.set(key, statements);
    }
    return statements.get(maxCount).all(fromPosition, upTo, ...prefixes, ...types);
  }

  /** Position, stream id and type of the events with fromPosition < position <= upTo. */
  headers(fromPosition: number, upTo: number): EventHeader[] {
    return this.headersBetween.all(fromPosition, upTo);
  }

  headPosition(): number {
    return this.head.get()?.head ?? 0;
  }
}
