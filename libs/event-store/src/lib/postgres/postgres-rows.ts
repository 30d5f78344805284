import type { RawRecordedEvent, RecordedEvent } from '../types';

/** A row of PostgresSql's event columns; bigint columns arrive as text, json already parsed. */
export type PostgresEventRow = [
  position: string,
  streamId: string,
  revision: string,
  eventId: string,
  type: string,
  schemaVersion: number,
  occurredAt: string,
  data: unknown,
  metadata: Record<string, unknown>,
];

export function toRecordedEvent(row: PostgresEventRow): RecordedEvent {
  return {
    eventId: row[3],
    type: row[4],
    schemaVersion: row[5],
    streamId: row[1],
    revision: Number(row[2]),
    position: Number(row[0]),
    occurredAt: row[6],
    data: row[7],
    metadata: row[8] as RecordedEvent['metadata'],
  };
}

/** A row read with data::text and metadata::text: the text the append wrote (JSON.stringify's). */
export type PostgresRawEventRow = [
  position: string,
  streamId: string,
  revision: string,
  eventId: string,
  type: string,
  schemaVersion: number,
  occurredAt: string,
  data: string,
  metadata: string,
];

export function toRawRecordedEvent(row: PostgresRawEventRow): RawRecordedEvent {
  return {
    eventId: row[3],
    type: row[4],
    schemaVersion: row[5],
    streamId: row[1],
    revision: Number(row[2]),
    position: Number(row[0]),
    occurredAt: row[6],
    dataJson: row[7],
    metadataJson: row[8],
  };
}
