import type { EventStore, RecordedEvent } from '@accounts/event-store';
import type { Decider, Message } from './decider';
import { DomainError } from './domain-error';
import { foldEvents } from './load-aggregate';
import type { Upcasters } from './upcasters';

/**
 * `?at=` of the services' admin reads: an ISO-8601 instant, or undefined for now. A bad value is a 400
 * naming the field, so the same code answers "as it is" and "as it was".
 */
export function parseAsOf(at: string | undefined, field = 'at'): number {
  if (at === undefined) return Date.now();
  const instant = Date.parse(at);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(at) || Number.isNaN(instant)) {
    throw new DomainError(
      'invalid',
      'QUERY-instant-invalid',
      `${field} must be an ISO-8601 date-time, e.g. 2026-01-31T12:00:00Z`,
      { field },
    );
  }
  return instant;
}

/** The events of a stream that had happened at `instant` (occurredAt ≤ instant), in order. */
export async function readStreamAsOf(
  store: Pick<EventStore, 'readStream'>,
  streamId: string,
  instant: number,
): Promise<RecordedEvent[]> {
  const events = await store.readStream(streamId);
  const end = events.findIndex((event) => Date.parse(event.occurredAt) > instant);
  return end === -1 ? events : events.slice(0, end);
}

/**
 * The state an aggregate had at `instant`, folded with the service's own evolve: the answer a read
 * would have given then. No cache: the past is read in full, once per question.
 */
export async function loadAggregateAsOf<State, Command extends Message, Event extends Message>(
  store: Pick<EventStore, 'readStream'>,
  streamId: string,
  decider: Decider<State, Command, Event>,
  instant: number,
  upcasters?: Upcasters,
): Promise<{ readonly state: State; readonly events: readonly RecordedEvent[] }> {
  const events = await readStreamAsOf(store, streamId, instant);
  return { state: foldEvents(events, decider, decider.initialState(), upcasters), events };
}
