import type { RecordedEvent } from '@accounts/event-store';
import { accountIdKey, toMessage } from './event-message';
import { topicPartitionsFromEnv } from './kafka-connection';
import { parseEventMessage } from './parse-event';

const recorded = (overrides: Partial<RecordedEvent> = {}): RecordedEvent => ({
  eventId: 'e1',
  type: 'AccountEmailChanged',
  schemaVersion: 2,
  streamId: 'account-a1',
  revision: 3,
  position: 42,
  occurredAt: '2025-01-01T00:00:00.000Z',
  data: { accountId: 'a1', email: 'x@example.com' },
  metadata: {
    correlationId: 'corr',
    causationId: 'cause',
    actor: { kind: 'user', accountId: 'a1' },
  },
  ...overrides,
});

describe('event messages', () => {
  it('keys by data.accountId, else by the stream id after its prefix', () => {
    expect(accountIdKey(recorded())).toBe('a1');
    expect(accountIdKey(recorded({ streamId: 'organization-o-7', data: { name: 'Acme' } }))).toBe(
      'o-7',
    );
  });

  it('carries the stored envelope as value and type, eventId, schemaVersion, correlationId as headers', () => {
    const message = toMessage(recorded(), accountIdKey);
    expect(message).toEqual({
      key: 'a1',
      value: JSON.stringify(recorded()),
      headers: {
        type: 'AccountEmailChanged',
        eventId: 'e1',
        schemaVersion: '2',
        correlationId: 'corr',
      },
    });
    expect(parseEventMessage(Buffer.from(message.value as string))).toEqual({
      ok: true,
      event: recorded(),
    });
  });

  it('gives the reason a message cannot be an event', () => {
    expect(parseEventMessage(null)).toEqual({ ok: false, reason: 'empty value' });
    expect(parseEventMessage(Buffer.from('[1]'))).toEqual({
      ok: false,
      reason: 'value is not a JSON object',
    });
    expect(
      parseEventMessage(Buffer.from(JSON.stringify(recorded({ position: 0, revision: -1 })))),
    ).toEqual({
      ok: false,
      reason: 'missing or invalid fields: revision, position',
    });
    const validate = (event: RecordedEvent) =>
      event.schemaVersion > 1 ? `unknown schemaVersion ${event.schemaVersion}` : undefined;
    expect(parseEventMessage(Buffer.from(JSON.stringify(recorded())), validate)).toEqual({
      ok: false,
      reason: 'unknown schemaVersion 2',
    });
  });

  it('reads KAFKA_TOPIC_PARTITIONS, default 3, and refuses nonsense', () => {
    expect(topicPartitionsFromEnv({})).toBe(3);
    expect(topicPartitionsFromEnv({ KAFKA_TOPIC_PARTITIONS: '12' })).toBe(12);
    expect(() => topicPartitionsFromEnv({ KAFKA_TOPIC_PARTITIONS: 'three' })).toThrow(
      expect.objectContaining({ code: 'MESSAGING-bad-partitions' }),
    );
  });
});
