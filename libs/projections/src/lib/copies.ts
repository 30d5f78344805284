import type { Projection } from './projection';
import type { ReadModelDatabase } from './read-model-database';
import { type Copy, copyPrefix, physicalTables } from './table-names';

export interface CopyRow extends Copy {
  readonly position: number;
  readonly live: boolean;
}

export function listCopies(database: ReadModelDatabase, name: string): CopyRow[] {
  return database
    .all<{
      name: string;
      generation: number;
      version: number;
      position: number;
      live: number;
    }>(
      'SELECT name, generation, version, position, live FROM projection_checkpoints WHERE name = ? ORDER BY generation',
      name,
    )
    .map((row) => ({ ...row, live: row.live === 1 }));
}

/** Creates the tables of a fresh copy, at position 0; a live copy also gets the views queries read. */
export function createCopy(
  database: ReadModelDatabase,
  projection: Projection,
  live: boolean,
): Copy {
  return database.transaction(() => {
    const { last } = database.get<{ last: number | null }>(
      'SELECT max(generation) AS last FROM projection_checkpoints WHERE name = ?',
      projection.name,
    ) ?? { last: null };
    const copy: Copy = {
      name: projection.name,
      version: projection.version,
      generation: (last ?? 0) + 1,
    };
    database.db.exec(projection.schema(physicalTables(projection, copy)));
    database.run(
      'INSERT INTO projection_checkpoints (name, generation, version, position, live, updated_at) VALUES (?, ?, ?, 0, ?, ?)',
      copy.name,
      copy.generation,
      copy.version,
      live ? 1 : 0,
      new Date().toISOString(),
    );
    if (live) createViews(database, projection, copy);
    return copy;
  });
}

/** Makes `next` the copy queries read and drops `previous`, in one transaction. */
export function swapLiveCopy(
  database: ReadModelDatabase,
  projection: Projection,
  previous: Copy,
  next: Copy,
): void {
  database.transaction(() => {
    dropViewsOf(database, previous);
    createViews(database, projection, next);
    database.run(
      'UPDATE projection_checkpoints SET live = 0 WHERE name = ? AND generation = ?',
      previous.name,
      previous.generation,
    );
    database.run(
      'UPDATE projection_checkpoints SET live = 1 WHERE name = ? AND generation = ?',
      next.name,
      next.generation,
    );
    dropCopy(database, previous);
  });
}

/** Drops a copy's tables (their indexes go with them) and its bookkeeping rows. */
export function dropCopy(database: ReadModelDatabase, copy: Copy): void {
  database.transaction(() => {
    const prefix = copyPrefix(copy);
    const tables = database.all<{ name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND substr(name, 1, ?) = ?",
      prefix.length,
      prefix,
    );
    for (const { name } of tables) database.db.exec(`DROP TABLE "${name}"`);
    for (const table of [
      'projection_checkpoints',
      'projection_processed',
      'projection_failed_events',
    ]) {
      database.run(
        `DELETE FROM ${table} WHERE name = ? AND generation = ?`,
        copy.name,
        copy.generation,
      );
    }
    database.forgetStatements(prefix);
  });
}

function createViews(database: ReadModelDatabase, projection: Projection, copy: Copy): void {
  const physical = physicalTables(projection, copy) as Record<string, string>;
  for (const table of projection.tables)
    database.db.exec(`CREATE VIEW "${table}" AS SELECT * FROM "${physical[table]}"`);
}

function dropViewsOf(database: ReadModelDatabase, copy: Copy): void {
  const views = database.all<{ name: string }>(
    "SELECT name FROM sqlite_master WHERE type = 'view' AND instr(sql, ?) > 0",
    `"${copyPrefix(copy)}`,
  );
  for (const { name } of views) database.db.exec(`DROP VIEW "${name}"`);
}
