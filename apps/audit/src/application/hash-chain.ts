import type { RawRecordedEvent, RecordedEvent } from '@accounts/event-store';
import { createHash } from 'node:crypto';

/** The hash "before the first line / event". */
export const GENESIS_HASH = '0'.repeat(64);

/** SHA-256 of the previous hash and this text: each link commits to everything before it. */
export function chainDigest(previous: string, text: string): Buffer {
  return createHash('sha256').update(previous).update('\n').update(text).digest();
}

/** The same link as hex (digest straight to hex: the export's hot path). */
export function chainHash(previous: string, text: string): string {
  return createHash('sha256').update(previous).update('\n').update(text).digest('hex');
}

/** The envelope in a fixed field order, so the same event hashes the same whatever the adapter returned. */
export function envelopeOf(event: RecordedEvent): Record<string, unknown> {
  return {
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    streamId: event.streamId,
    revision: event.revision,
    position: event.position,
    occurredAt: event.occurredAt,
    data: event.data,
    metadata: event.metadata,
  };
}

export function eventText(event: RecordedEvent): string {
  return JSON.stringify(envelopeOf(event));
}

/**
 * The same text as `eventText` from the raw read, without parsing and serialising the payloads
 * again: the store's data and metadata text is JSON.stringify's (the port's contract), so splicing
 * it into the envelope gives byte for byte what JSON.stringify(envelopeOf(event)) gives.
 */
export function rawEventText(event: RawRecordedEvent): string {
  return `{"eventId":${JSON.stringify(event.eventId)},"type":${JSON.stringify(event.type)},"schemaVersion":${event.schemaVersion},"streamId":${JSON.stringify(event.streamId)},"revision":${event.revision},"position":${event.position},"occurredAt":${JSON.stringify(event.occurredAt)},"data":${event.dataJson},"metadata":${event.metadataJson}}`;
}
