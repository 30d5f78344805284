import type { RecordedEvent } from '@accounts/event-store';
import type { ReadModelDatabase } from './read-model-database';
import type { Copy } from './table-names';

/** An event `apply` kept failing on; the runner skipped it (ZITADEL's failed_events). */
export interface ParkedEvent {
  readonly name: string;
  readonly generation: number;
  readonly eventId: string;
  readonly position: number;
  readonly streamId: string;
  readonly type: string;
  readonly attempts: number;
  readonly error: string;
  readonly failedAt: string;
}

/** Counts one more failed attempt, in its own transaction (the batch's was rolled back); returns the count. */
export function recordFailure(
  database: ReadModelDatabase,
  copy: Copy,
  event: RecordedEvent,
  error: unknown,
): number {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const row = database.transaction(() => {
    database.run(
      `INSERT INTO projection_failed_events
         (name, generation, event_id, position, stream_id, type, attempts, error, parked, failed_at)
       VALUES (?, ?, ?, ?, ?, ?, 1, ?, 0, ?)
       ON CONFLICT (name, generation, event_id) DO UPDATE SET
         attempts = attempts + 1, error = excluded.error, failed_at = excluded.failed_at`,
      copy.name,
      copy.generation,
      event.eventId,
      event.position,
      event.streamId,
      event.type,
      message,
      new Date().toISOString(),
    );
    return database.get<{ attempts: number }>(
      'SELECT attempts FROM projection_failed_events WHERE name = ? AND generation = ? AND event_id = ?',
      copy.name,
      copy.generation,
      event.eventId,
    );
  });
  return row?.attempts ?? 1;
}

/** Failure counts of events not parked yet, so that a restart does not reset them. */
export function loadFailureCounts(database: ReadModelDatabase, copy: Copy): Map<string, number> {
  const rows = database.all<{ event_id: string; attempts: number }>(
    'SELECT event_id, attempts FROM projection_failed_events WHERE name = ? AND generation = ? AND parked = 0',
    copy.name,
    copy.generation,
  );
  return new Map(rows.map((row) => [row.event_id, row.attempts]));
}

export function markParked(database: ReadModelDatabase, copy: Copy, eventId: string): void {
  database.run(
    'UPDATE projection_failed_events SET parked = 1 WHERE name = ? AND generation = ? AND event_id = ?',
    copy.name,
    copy.generation,
    eventId,
  );
}

/** The event succeeded after failing: its failure row no longer describes anything. */
export function clearFailure(database: ReadModelDatabase, copy: Copy, eventId: string): void {
  database.run(
    'DELETE FROM projection_failed_events WHERE name = ? AND generation = ? AND event_id = ?',
    copy.name,
    copy.generation,
    eventId,
  );
}

export function listParkedEvents(database: ReadModelDatabase, name?: string): ParkedEvent[] {
  return database
    .all<{
      name: string;
      generation: number;
      event_id: string;
      position: number;
      stream_id: string;
      type: string;
      attempts: number;
      error: string;
      failed_at: string;
    }>(
      `SELECT f.* FROM projection_failed_events f
         JOIN projection_checkpoints c ON c.name = f.name AND c.generation = f.generation AND c.live = 1
       WHERE f.parked = 1 AND (? IS NULL OR f.name = ?) ORDER BY f.name, f.position`,
      name ?? null,
      name ?? null,
    )
    .map((row) => ({
      name: row.name,
      generation: row.generation,
      eventId: row.event_id,
      position: row.position,
      streamId: row.stream_id,
      type: row.type,
      attempts: row.attempts,
      error: row.error,
      failedAt: row.failed_at,
    }));
}
