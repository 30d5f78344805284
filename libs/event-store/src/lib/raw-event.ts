import type { RawRecordedEvent, RecordedEvent } from './types';

/** A parsed event as its raw form: the payloads serialised the way the append serialised them. */
export function rawRecordedEvent(event: RecordedEvent): RawRecordedEvent {
  return {
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    streamId: event.streamId,
    revision: event.revision,
    position: event.position,
    occurredAt: event.occurredAt,
    dataJson: JSON.stringify(event.data),
    metadataJson: JSON.stringify(event.metadata),
  };
}
