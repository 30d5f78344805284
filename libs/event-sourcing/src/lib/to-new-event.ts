import type { EventMetadata } from '@accounts/contracts';
import type { NewEvent } from '@accounts/event-store';
import type { Message } from './decider';
import type { SchemaVersions } from './upcasters';

/** A decided domain event as the store takes it: payload, schema version of its type, and the request's metadata. */
export function toNewEvent(
  event: Message,
  metadata: EventMetadata,
  versions: SchemaVersions = {},
  occurredAt?: Date,
): NewEvent {
  return {
    type: event.type,
    data: event.data,
    schemaVersion: versions[event.type] ?? 1,
    metadata: { ...metadata },
    ...(occurredAt ? { occurredAt: occurredAt.toISOString() } : {}),
  };
}
