import type Database from 'better-sqlite3';

/** Limits a query keeps statements for; a caller passing ever new limits re-prepares, nothing grows. */
const KEPT_LIMITS = 16;

/**
 * SQLite plans `LIMIT ?` with the value bound to it (3.53 here), so binding the limit again expires
 * the statement and the next run parses and plans it anew: about 10 µs, more than reading a few
 * events costs. The limit goes into the text instead, one prepared statement per limit, and a query
 * sees few limits (a page size, 1, all).
 */
export class StatementsByLimit<Params extends unknown[], Row> {
  private readonly byLimit = new Map<number, Database.Statement<Params, Row>>();

  constructor(
    private readonly db: Database.Database,
    /** The statement's text for one limit: an integer, -1 for no limit. */
    private readonly text: (limit: number) => string,
    private readonly raw = true,
  ) {}

  get(limit: number): Database.Statement<Params, Row> {
    if (!Number.isSafeInteger(limit))
      throw new RangeError(`limit must be an integer, got ${limit}`);
    let statement = this.byLimit.get(limit);
    if (!statement) {
      statement = this.db.prepare<Params, Row>(this.text(limit));
      if (this.raw) statement.raw(true);
      const oldest = this.byLimit.keys().next();
      if (this.byLimit.size >= KEPT_LIMITS && !oldest.done) this.byLimit.delete(oldest.value);
      this.byLimit.set(limit, statement);
    }
    return statement;
  }
}
