import { createCopy, dropCopy, listCopies } from './copies';
import type { Projection } from './projection';
import type { ReadModelDatabase } from './read-model-database';
import type { Copy } from './table-names';

export interface PreparedCopies {
  /** The copy queries read; created empty on first start. */
  readonly live: Copy;
  /** A rebuild interrupted by a restart, resumed from its own checkpoint. */
  readonly resumable?: Copy;
  /** The live copy was built by another version of the code: it is only read until a rebuild replaces it. */
  readonly stale: boolean;
}

/** Decides at start what to do with the copies found on disk; leftovers of other versions are dropped. */
export function prepareCopies(database: ReadModelDatabase, projection: Projection): PreparedCopies {
  const copies = listCopies(database, projection.name);
  const existing = copies.find((copy) => copy.live);
  let resumable: Copy | undefined;
  for (const copy of copies) {
    if (copy.live) continue;
    const keep = existing && copy.version === projection.version;
    if (keep && resumable) dropCopy(database, resumable);
    if (keep) resumable = copy;
    else dropCopy(database, copy);
  }
  const live = existing ?? createCopy(database, projection, true);
  return { live, resumable, stale: live.version !== projection.version };
}
