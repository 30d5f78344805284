import type Database from 'better-sqlite3';

/** What `apply` gets: the physical tables of the copy being written and cached statements. */
export interface ProjectionTx<Table extends string = string> {
  /** Logical table name -> physical table of the copy being written (live or rebuild). */
  readonly table: Readonly<Record<Table, string>>;
  run(sql: string, ...params: unknown[]): Database.RunResult;
  get<Row = Record<string, unknown>>(sql: string, ...params: unknown[]): Row | undefined;
  all<Row = Record<string, unknown>>(sql: string, ...params: unknown[]): Row[];
}
