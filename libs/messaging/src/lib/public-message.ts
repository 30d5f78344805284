import {
  PUBLIC_CONTENT_TYPE,
  PublicHeaders,
  type Publication,
  type PublicationResult,
  type PublicEvent,
  type PublicMessage,
  toPublicMessage,
} from '@accounts/contracts';
import type { RecordedEvent } from '@accounts/event-store';
import type { KafkaMessage, Message } from 'kafkajs';
import type { EventValidator, ParsedMessage } from './parse-event';

/** A service's publication table (`ProfilePublication`, …): internal type -> public event or why not. */
export type PublicationTableLike = {
  readonly [internalType: string]: Publication<never>;
};

/** A store event as its public message, by the table (`not-published` / `no-decision` otherwise). */
export const publish = (table: PublicationTableLike, event: RecordedEvent): PublicationResult =>
  toPublicMessage(table, event);

/** Kafka message of a public event: key by the key rule, value the public event, headers for routing without parsing. */
export function toPublicKafkaMessage({ key, event }: PublicMessage): Message {
  return {
    key,
    value: JSON.stringify(event),
    headers: {
      [PublicHeaders.type]: event.type,
      [PublicHeaders.eventId]: event.eventId,
      [PublicHeaders.schemaVersion]: String(event.schemaVersion),
      [PublicHeaders.correlationId]: event.metadata.correlationId,
      [PublicHeaders.causationId]: event.metadata.causationId,
      [PublicHeaders.contentType]: PUBLIC_CONTENT_TYPE,
    },
  };
}

/**
 * A public event as the projection runner's RecordedEvent: public events have no stream, so the
 * message key stands in as streamId (only shown for parked events) and revision is 0. The store-fed
 * copy of the same read model gets exactly these objects too (see `publicEventsOf`).
 */
export const asRecordedEvent = ({ key, event }: PublicMessage): RecordedEvent => ({
  eventId: event.eventId,
  type: event.type,
  schemaVersion: event.schemaVersion,
  streamId: key,
  revision: 0,
  position: event.position,
  occurredAt: event.occurredAt,
  data: event.data,
  metadata: event.metadata as RecordedEvent['metadata'],
});

const isText = (value: unknown): value is string => typeof value === 'string' && value !== '';
const isWhole = (value: unknown, min: number): value is number =>
  Number.isInteger(value) && (value as number) >= min;

/** A Kafka message of a public topic back to its event; malformed ones get a reason (they are parked). */
export function parsePublicEventMessage(
  message: Pick<KafkaMessage, 'key' | 'value'>,
  validate?: EventValidator,
): ParsedMessage {
  const key = message.key?.toString('utf8') ?? '';
  if (!message.value || message.value.length === 0) return { ok: false, reason: 'empty value' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(message.value.toString('utf8'));
  } catch {
    return { ok: false, reason: 'value is not JSON' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    return { ok: false, reason: 'value is not a JSON object' };
  const event = parsed as Record<string, unknown>;
  const metadata = event['metadata'] as Record<string, unknown> | null;
  const missing = [
    isText(key) ? undefined : 'key',
    isText(event['eventId']) ? undefined : 'eventId',
    isText(event['type']) ? undefined : 'type',
    isWhole(event['schemaVersion'], 1) ? undefined : 'schemaVersion',
    isWhole(event['position'], 1) ? undefined : 'position',
    isText(event['occurredAt']) ? undefined : 'occurredAt',
    typeof event['data'] === 'object' && event['data'] !== null ? undefined : 'data',
    typeof metadata === 'object' && metadata !== null && isText(metadata['correlationId'])
      ? undefined
      : 'metadata',
  ].filter(Boolean);
  if (missing.length > 0)
    return {
      ok: false,
      reason: `missing or invalid fields: ${missing.join(', ')}`,
    };
  const recorded = asRecordedEvent({
    key,
    event: event as unknown as PublicEvent,
  });
  const rejected = validate?.(recorded);
  return rejected ? { ok: false, reason: rejected } : { ok: true, event: recorded };
}
