import type { RawRecordedEvent, RecordedEvent } from '../types';

/** Columns read for an event, in this order; rows are read in raw (array) mode, about 2x faster than objects. */
export const EVENT_COLUMNS =
  'position, stream_id, revision, event_id, type, schema_version, occurred_at, data, metadata';

export type EventRow = [
  position: number,
  streamId: string,
  revision: number,
  eventId: string,
  type: string,
  schemaVersion: number,
  occurredAt: string,
  data: string,
  metadata: string,
];

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    eventId: row[3],
    type: row[4],
    schemaVersion: row[5],
    streamId: row[1],
    revision: row[2],
    position: row[0],
    occurredAt: row[6],
    data: JSON.parse(row[7]),
    metadata: JSON.parse(row[8]),
  };
}

/** The stored text is what the append's JSON.stringify wrote: canonical as it is. */
export function toRawRecordedEvent(row: EventRow): RawRecordedEvent {
  return {
    eventId: row[3],
    type: row[4],
    schemaVersion: row[5],
    streamId: row[1],
    revision: row[2],
    position: row[0],
    occurredAt: row[6],
    dataJson: row[7],
    metadataJson: row[8],
  };
}
