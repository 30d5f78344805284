import type { ReadModelDatabase } from './read-model-database';
import type { Copy } from './table-names';

/** Position of the last event this copy has processed; 0 before the first. */
export function readCheckpoint(database: ReadModelDatabase, copy: Copy): number {
  const row = database.get<{ position: number }>(
    'SELECT position FROM projection_checkpoints WHERE name = ? AND generation = ?',
    copy.name,
    copy.generation,
  );
  return row?.position ?? 0;
}

/** Called inside the batch transaction, so that the checkpoint moves with the rows it covers. */
export function writeCheckpoint(database: ReadModelDatabase, copy: Copy, position: number): void {
  database.run(
    'UPDATE projection_checkpoints SET position = ?, updated_at = ? WHERE name = ? AND generation = ?',
    position,
    new Date().toISOString(),
    copy.name,
    copy.generation,
  );
}

/** Records an event id for `eventId` idempotency; false when it was already processed. */
export function markProcessed(database: ReadModelDatabase, copy: Copy, eventId: string): boolean {
  return (
    database.run(
      'INSERT OR IGNORE INTO projection_processed (name, generation, event_id) VALUES (?, ?, ?)',
      copy.name,
      copy.generation,
      eventId,
    ).changes === 1
  );
}
