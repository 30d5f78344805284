import type { RawRecordedEvent, ReadAllOptions, RecordedEvent } from '@accounts/event-store';
import type { EventSource } from './event-source';
import type { Projection } from './projection';

/** Events per raw page read while catching up. */
export const RAW_PAGE = 2000;

/** A source that can hand out raw pages and its head: the event store itself (not a Kafka source). */
export interface RawPageSource {
  readAllRaw(options: ReadAllOptions): Promise<RawRecordedEvent[]>;
  headPosition(): Promise<number>;
}

/**
 * Whether a worker may catch up from raw pages: the source is the store (positions, a head) and the
 * read model skips by position, so a checkpoint past skipped events means what it says.
 */
export function rawPagesOf(source: EventSource, projection: Projection): RawPageSource | undefined {
  if ((projection.idempotency ?? 'position') !== 'position') return undefined;
  const { readAllRaw, headPosition } = source as Partial<RawPageSource>;
  if (typeof readAllRaw !== 'function' || typeof headPosition !== 'function') return undefined;
  return {
    readAllRaw: (options) => readAllRaw.call(source, options),
    headPosition: () => headPosition.call(source),
  };
}

/** The event `apply` gets, parsed from the raw row (only for events the projection accepts). */
export function parseRawEvent(raw: RawRecordedEvent): RecordedEvent {
  return {
    eventId: raw.eventId,
    type: raw.type,
    schemaVersion: raw.schemaVersion,
    streamId: raw.streamId,
    revision: raw.revision,
    position: raw.position,
    occurredAt: raw.occurredAt,
    data: JSON.parse(raw.dataJson),
    metadata: JSON.parse(raw.metadataJson),
  };
}
