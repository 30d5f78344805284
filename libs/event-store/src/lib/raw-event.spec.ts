import { rawRecordedEvent } from './raw-event';
import type { RecordedEvent } from './types';

describe('rawRecordedEvent (the raw form of an adapter that only has parsed events: EventStoreDB)', () => {
  it('keeps the header and writes data and metadata as JSON.stringify does', () => {
    const event: RecordedEvent = {
      eventId: 'e-1',
      type: 'Changed',
      schemaVersion: 2,
      streamId: 'account-1',
      revision: 3,
      position: 42,
      occurredAt: '2026-01-01T00:00:00.000Z',
      data: { to: 'é', '2': 'two', nested: [1, null] },
      metadata: { correlationId: 'c', causationId: 'k', actor: { kind: 'system' }, orgId: 'o' },
    };
    expect(rawRecordedEvent(event)).toEqual({
      eventId: 'e-1',
      type: 'Changed',
      schemaVersion: 2,
      streamId: 'account-1',
      revision: 3,
      position: 42,
      occurredAt: '2026-01-01T00:00:00.000Z',
      dataJson: '{"2":"two","to":"é","nested":[1,null]}',
      metadataJson: '{"correlationId":"c","causationId":"k","actor":{"kind":"system"},"orgId":"o"}',
    });
  });
});
