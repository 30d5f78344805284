import {
  PUBLIC_CONTENT_TYPE,
  PublicHeaders,
  ProfilePublication,
  toPublicMessage,
} from '@accounts/contracts';
import type { RecordedEvent } from '@accounts/event-store';
import { parsePublicEventMessage, toPublicKafkaMessage } from './public-message';

const stored: RecordedEvent = {
  eventId: 'e1',
  type: 'AccountEmailChanged',
  schemaVersion: 1,
  streamId: 'account-a1',
  revision: 3,
  position: 42,
  occurredAt: '2026-12-01T10:00:00.000Z',
  data: { accountId: 'a1', from: 'x@example.com', to: 'y@example.com' },
  metadata: {
    correlationId: 'corr',
    causationId: 'cause',
    actor: { kind: 'user', accountId: 'a1' },
    orgId: 'o1',
    ip: '10.0.0.1',
  },
};

const publicMessage = () => {
  const result = toPublicMessage(ProfilePublication, stored);
  if (result.kind !== 'published') throw new Error('AccountEmailChanged is published');
  return result.message;
};

describe('public Kafka messages', () => {
  it('carry the public event as value, keyed by accountId, with the six headers of the AsyncAPI document', () => {
    const message = toPublicKafkaMessage(publicMessage());
    expect(message.key).toBe('a1');
    expect(Object.keys(message.headers ?? {}).sort()).toEqual(Object.values(PublicHeaders).sort());
    expect(message.headers).toEqual({
      type: 'AccountEmailChanged',
      eventId: 'e1',
      schemaVersion: '1',
      correlationId: 'corr',
      causationId: 'cause',
      'content-type': PUBLIC_CONTENT_TYPE,
    });
    expect(JSON.parse(String(message.value))).toEqual({
      eventId: 'e1',
      type: 'AccountEmailChanged',
      schemaVersion: 1,
      position: 42,
      occurredAt: '2026-12-01T10:00:00.000Z',
      data: { accountId: 'a1', from: 'x@example.com', to: 'y@example.com' },
      metadata: {
        correlationId: 'corr',
        causationId: 'cause',
        actor: { kind: 'user', accountId: 'a1' },
        ip: '10.0.0.1',
      },
    });
  });

  it('are read back as events for the projection runner, the key standing in for the stream', () => {
    const message = toPublicKafkaMessage(publicMessage());
    const parsed = parsePublicEventMessage({
      key: Buffer.from('a1'),
      value: Buffer.from(String(message.value)),
    });
    expect(parsed).toEqual({
      ok: true,
      event: expect.objectContaining({
        eventId: 'e1',
        position: 42,
        streamId: 'a1',
        type: 'AccountEmailChanged',
      }),
    });
  });

  it('give the reason a message cannot be a public event (it is parked)', () => {
    const value = (v: object) => Buffer.from(JSON.stringify(v));
    expect(parsePublicEventMessage({ key: null, value: null })).toEqual({
      ok: false,
      reason: 'empty value',
    });
    expect(
      parsePublicEventMessage({
        key: Buffer.from('a1'),
        value: Buffer.from('{'),
      }),
    ).toEqual({ ok: false, reason: 'value is not JSON' });
    // A stored envelope of the retired .v1 topics has no public shape problem but no key here, and a position 0 is no position.
    expect(
      parsePublicEventMessage({
        key: null,
        value: value({ ...stored, position: 0 }),
      }),
    ).toEqual({
      ok: false,
      reason: 'missing or invalid fields: key, position',
    });
  });
});
