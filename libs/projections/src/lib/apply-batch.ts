import type { RecordedEvent } from '@accounts/event-store';
import { markProcessed, readCheckpoint, writeCheckpoint } from './checkpoint';
import { clearFailure, markParked } from './failed-events';
import type { Projection } from './projection';
import type { ProjectionTx } from './projection-tx';
import type { ReadModelDatabase } from './read-model-database';
import type { Copy } from './table-names';

export interface BatchTarget {
  readonly database: ReadModelDatabase;
  readonly projection: Projection;
  readonly copy: Copy;
  readonly tx: ProjectionTx;
  /** Events that failed before: cleared on success. */
  readonly failures: ReadonlyMap<string, number>;
  /** Events that failed too often: skipped and marked parked. */
  readonly toPark: ReadonlySet<string>;
}

export type BatchOutcome =
  | { readonly ok: true; readonly position: number }
  | { readonly ok: false; readonly index: number; readonly error: unknown };

class ApplyFailure {
  constructor(
    readonly index: number,
    readonly error: unknown,
  ) {}
}

/**
 * Applies events and moves the checkpoint in ONE transaction: a failure anywhere rolls back every
 * row of the batch and leaves the checkpoint where it was. Events already processed are skipped.
 * Errors of `apply` come back as an outcome; anything else (disk full, ...) is thrown.
 */
export function applyBatch(
  target: BatchTarget,
  events: readonly RecordedEvent[],
  /** Events up to here were scanned and skipped unread (a raw catch-up): the checkpoint covers them too. */
  throughPosition = 0,
): BatchOutcome {
  const { database, projection, copy, tx } = target;
  try {
    const position = database.transaction(() => {
      // Read inside the transaction: correct even if another process advanced it meanwhile.
      let checkpoint = readCheckpoint(database, copy);
      events.forEach((event, index) => {
        if (!isNew(target, event, checkpoint)) return;
        if (target.toPark.has(event.eventId)) {
          markParked(database, copy, event.eventId);
        } else {
          try {
            projection.apply(event, tx);
          } catch (error) {
            throw new ApplyFailure(index, error);
          }
          if (target.failures.has(event.eventId)) clearFailure(database, copy, event.eventId);
        }
        checkpoint = Math.max(checkpoint, event.position);
      });
      checkpoint = Math.max(checkpoint, throughPosition);
      writeCheckpoint(database, copy, checkpoint);
      return checkpoint;
    });
    return { ok: true, position };
  } catch (error) {
    if (error instanceof ApplyFailure) return { ok: false, index: error.index, error: error.error };
    throw error;
  }
}

function isNew(target: BatchTarget, event: RecordedEvent, checkpoint: number): boolean {
  if ((target.projection.idempotency ?? 'position') === 'eventId') {
    return markProcessed(target.database, target.copy, event.eventId);
  }
  return event.position > checkpoint;
}
