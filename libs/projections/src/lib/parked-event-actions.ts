import type { EventSource } from './event-source';
import type { Projection } from './projection';
import { ProjectionError } from './projection-error';
import { createProjectionTx } from './projection-tx-impl';
import type { ReadModelDatabase } from './read-model-database';
import { type Copy, physicalTables } from './table-names';

/** `parked` values of projection_failed_events: 1 parked, 2 skipped by an operator (kept as a record). */
const PARKED = 1;
const SKIPPED = 2;

function parkedRow(database: ReadModelDatabase, copy: Copy, eventId: string): { position: number } {
  const row = database.get<{ position: number }>(
    'SELECT position FROM projection_failed_events WHERE name = ? AND generation = ? AND event_id = ? AND parked = ?',
    copy.name,
    copy.generation,
    eventId,
    PARKED,
  );
  if (!row)
    throw new ProjectionError(
      'PROJECTION-parked-unknown',
      `No parked event ${eventId} in ${copy.name}`,
    );
  return row;
}

/**
 * Applies a parked event again to the live copy (after a fix, or once what it depended on exists);
 * on success the parked record goes, on failure it stays and the error is thrown.
 */
export async function retryParkedEvent(
  database: ReadModelDatabase,
  source: EventSource,
  projection: Projection,
  copy: Copy,
  eventId: string,
): Promise<void> {
  const { position } = parkedRow(database, copy, eventId);
  if (!source.readAll) {
    throw new ProjectionError(
      'PROJECTION-retry-unsupported',
      'This projection is fed from a source that cannot read an event again',
    );
  }
  const [event] = await source.readAll({
    fromPosition: position - 1,
    maxCount: 1,
  });
  if (!event || event.eventId !== eventId) {
    throw new ProjectionError(
      'PROJECTION-parked-gone',
      `Event ${eventId} is no longer at position ${position} of the source`,
    );
  }
  const tx = createProjectionTx(database, physicalTables(projection, copy));
  database.transaction(() => {
    parkedRow(database, copy, eventId);
    projection.apply(event, tx);
    database.run(
      'DELETE FROM projection_failed_events WHERE name = ? AND generation = ? AND event_id = ?',
      copy.name,
      copy.generation,
      eventId,
    );
  });
}

/** An operator decided the event does not matter for this read model: it leaves the parked list. */
export function skipParkedEvent(database: ReadModelDatabase, copy: Copy, eventId: string): void {
  database.transaction(() => {
    parkedRow(database, copy, eventId);
    database.run(
      'UPDATE projection_failed_events SET parked = ? WHERE name = ? AND generation = ? AND event_id = ?',
      SKIPPED,
      copy.name,
      copy.generation,
      eventId,
    );
  });
}
