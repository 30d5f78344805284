import type { RecordedEvent } from '@accounts/event-store';

/** Says why an event is not acceptable (unknown type or schema version), or undefined when it is. */
export type EventValidator = (event: RecordedEvent) => string | undefined;

export type ParsedMessage =
  | { readonly ok: true; readonly event: RecordedEvent }
  | { readonly ok: false; readonly reason: string };

const isText = (value: unknown): value is string => typeof value === 'string' && value !== '';
const isWhole = (value: unknown, min: number): value is number =>
  Number.isInteger(value) && (value as number) >= min;

/** A Kafka message value back to the envelope the relay wrote; malformed values get a reason instead. */
export function parseEventMessage(value: Buffer | null, validate?: EventValidator): ParsedMessage {
  if (!value || value.length === 0) return { ok: false, reason: 'empty value' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString('utf8'));
  } catch {
    return { ok: false, reason: 'value is not JSON' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    return { ok: false, reason: 'value is not a JSON object' };
  const event = parsed as Record<string, unknown>;
  const missing = [
    isText(event['eventId']) ? undefined : 'eventId',
    isText(event['type']) ? undefined : 'type',
    isWhole(event['schemaVersion'], 1) ? undefined : 'schemaVersion',
    isText(event['streamId']) ? undefined : 'streamId',
    isWhole(event['revision'], 0) ? undefined : 'revision',
    isWhole(event['position'], 1) ? undefined : 'position',
    isText(event['occurredAt']) ? undefined : 'occurredAt',
    'data' in event ? undefined : 'data',
    typeof event['metadata'] === 'object' && event['metadata'] !== null ? undefined : 'metadata',
  ].filter(Boolean);
  if (missing.length > 0)
    return { ok: false, reason: `missing or invalid fields: ${missing.join(', ')}` };
  const recorded = event as unknown as RecordedEvent;
  const rejected = validate?.(recorded);
  return rejected ? { ok: false, reason: rejected } : { ok: true, event: recorded };
}
