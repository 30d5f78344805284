import type { Projection } from './projection';
import { ProjectionError } from './projection-error';

// No double underscore in names, so `<name>__v<version>_g<generation>__<table>` can never be ambiguous.
const NAME = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;
const RESERVED = /^(?:projection_|sqlite_)/;

/** One copy of a projection's tables: `generation` grows with every rebuild. */
export interface Copy {
  readonly name: string;
  readonly version: number;
  readonly generation: number;
}

export function copyPrefix(copy: Copy): string {
  return `${copy.name}__v${copy.version}_g${copy.generation}__`;
}

/** Logical table name -> physical table name of one copy. */
export function physicalTables<Table extends string>(
  projection: Projection<Table>,
  copy: Copy,
): Readonly<Record<Table, string>> {
  const prefix = copyPrefix(copy);
  return Object.fromEntries(
    projection.tables.map((table) => [table, `${prefix}${table}`]),
  ) as Record<Table, string>;
}

export function assertValidProjection(projection: Projection): void {
  const bad = (what: string, value: string) =>
    new ProjectionError('PROJECTION-invalid-name', `${what} "${value}" must match ${NAME}`);
  if (!NAME.test(projection.name)) throw bad('projection name', projection.name);
  if (!Number.isInteger(projection.version) || projection.version < 1) {
    throw new ProjectionError(
      'PROJECTION-invalid-version',
      `${projection.name}: version must be an integer >= 1`,
    );
  }
  for (const table of projection.tables) {
    if (!NAME.test(table) || RESERVED.test(table)) throw bad('table name', table);
  }
}

/** Names are valid, and no two projections of one database share a name or a table (view) name. */
export function assertValidProjections(projections: readonly Projection[]): void {
  const names = new Set<string>();
  const tables = new Set<string>();
  for (const projection of projections) {
    assertValidProjection(projection);
    if (names.has(projection.name)) {
      throw new ProjectionError(
        'PROJECTION-duplicate-name',
        `Two projections are named ${projection.name}`,
      );
    }
    names.add(projection.name);
    for (const table of projection.tables) {
      if (tables.has(table))
        throw new ProjectionError(
          'PROJECTION-duplicate-table',
          `Two projections declare table ${table}`,
        );
      tables.add(table);
    }
  }
}
