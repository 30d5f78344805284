import { existsSync, renameSync } from 'node:fs';
import type { ReadModelDatabase } from '@accounts/projections';

/**
 * Copies the rows of `tables` from a retired read-model file (a reactor that had a file of its own
 * before its queue moved into the service's ReadModelsHost) into `database`, then renames that file
 * `*.adopted`, so its marks of finished work (notices sent) survive the move and it is read once.
 * Rows already present win; a table the retired file lacks is passed over.
 */
export function adoptRetiredTables(
  database: ReadModelDatabase,
  retiredPath: string,
  tables: readonly string[],
): number {
  if (!existsSync(retiredPath)) return 0;
  let copied = 0;
  database.db.prepare('ATTACH DATABASE ? AS retired').run(retiredPath);
  try {
    database.transaction(() => {
      for (const table of tables) {
        const present = database.get(
          "SELECT 1 FROM retired.sqlite_master WHERE type = 'table' AND name = ?",
          table,
        );
        if (present)
          copied += database.db
            .prepare(`INSERT OR IGNORE INTO main.${table} SELECT * FROM retired.${table}`)
            .run().changes;
      }
    });
  } finally {
    database.db.exec('DETACH DATABASE retired');
  }
  for (const suffix of ['', '-wal', '-shm'])
    if (existsSync(retiredPath + suffix))
      renameSync(retiredPath + suffix, `${retiredPath}.adopted${suffix}`);
  return copied;
}
