import type { ProjectionTx } from './projection-tx';
import type { ReadModelDatabase } from './read-model-database';

export function createProjectionTx<Table extends string>(
  database: ReadModelDatabase,
  table: Readonly<Record<Table, string>>,
): ProjectionTx<Table> {
  return {
    table,
    run: (sql, ...params) => database.run(sql, ...params),
    get: (sql, ...params) => database.get(sql, ...params),
    all: (sql, ...params) => database.all(sql, ...params),
  };
}
