import type { RecordedEvent } from '@accounts/event-store';
import type { Message } from 'kafkajs';

/** The partition key: events with the same key keep their order on Kafka. */
export type PartitionKey = (event: RecordedEvent) => string;

/** accountId from the payload, else the stream id after its prefix (`account-<id>` -> `<id>`). */
export const accountIdKey: PartitionKey = (event) => {
  const data = event.data as { accountId?: unknown } | null;
  if (data && typeof data.accountId === 'string' && data.accountId !== '') return data.accountId;
  const dash = event.streamId.indexOf('-');
  return dash >= 0 ? event.streamId.slice(dash + 1) : event.streamId;
};

/** Value = the envelope exactly as stored; headers let consumers route without parsing the value. */
export function toMessage(event: RecordedEvent, key: PartitionKey): Message {
  const headers: Record<string, string> = {
    type: event.type,
    eventId: event.eventId,
    schemaVersion: String(event.schemaVersion),
  };
  const correlationId = event.metadata?.correlationId;
  if (typeof correlationId === 'string') headers['correlationId'] = correlationId;
  return { key: key(event), value: JSON.stringify(event), headers };
}
