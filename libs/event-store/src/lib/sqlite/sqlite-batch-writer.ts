import type Database from 'better-sqlite3';
import { WrongExpectedVersionError } from '../errors';
import { matchesExpectedRevision } from '../expected-revision';
import type { AppendResult, ExpectedRevision } from '../types';
import type { PreparedEvent } from '../validation';

export interface AppendRequest {
  readonly streamId: string;
  readonly expected: ExpectedRevision;
  readonly events: readonly PreparedEvent[];
}

/**
 * One write transaction for a batch of appends (one fsync), each in its own savepoint so that one
 * append's wrong expected revision does not affect the others. Throws when the transaction itself
 * fails; an append's own failure is its entry in the result.
 */
export function createBatchWriter(
  db: Database.Database,
): (batch: readonly AppendRequest[]) => Array<AppendResult | Error> {
  const currentRevision = db.prepare<[string], { revision: number }>(
    'SELECT revision FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
  );
  const insert = db.prepare(
    `INSERT INTO events (stream_id, revision, event_id, type, schema_version, occurred_at, data, metadata)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const appendOne = db.transaction((item: AppendRequest): AppendResult => {
    const actual = currentRevision.get(item.streamId)?.revision ?? -1;
    if (!matchesExpectedRevision(item.expected, actual)) {
      throw new WrongExpectedVersionError(item.streamId, item.expected, actual);
    }
    let revision = actual;
    const positions: number[] = [];
    for (const e of item.events) {
      revision += 1;
      const info = insert.run(
        item.streamId,
        revision,
        e.eventId,
        e.type,
        e.schemaVersion,
        e.occurredAt,
        e.data,
        e.metadata,
      );
      positions.push(Number(info.lastInsertRowid));
    }
    return { nextRevision: revision, position: positions[positions.length - 1] ?? 0, positions };
  });
  const writeAll = db.transaction((batch: readonly AppendRequest[]) =>
    batch.map((item) => {
      try {
        return appendOne(item); // nested transaction = SAVEPOINT
      } catch (error) {
        return error as Error;
      }
    }),
  );
  // IMMEDIATE takes the write lock before reading revisions, so no other process can interleave.
  return (batch) => writeAll.immediate(batch);
}
