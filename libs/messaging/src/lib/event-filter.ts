import type { EventFilter, RecordedEvent } from '@accounts/event-store';

/** The store's filter semantics, applied to events that arrive from Kafka. */
export function matchesFilter(filter: EventFilter | undefined, event: RecordedEvent): boolean {
  if (
    filter?.streamPrefixes &&
    !filter.streamPrefixes.some((prefix) => event.streamId.startsWith(prefix))
  )
    return false;
  if (filter?.eventTypes && !filter.eventTypes.includes(event.type)) return false;
  return true;
}
