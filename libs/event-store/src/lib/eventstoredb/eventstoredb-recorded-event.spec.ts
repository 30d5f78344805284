import type { AllStreamResolvedEvent } from '@eventstore/db-client';
import { toPosition, toReadPosition, toRecordedEvent } from './eventstoredb-recorded-event';

describe('EventStoreDB recorded events and positions', () => {
  const created = new Date('2024-05-06T07:08:09.123Z');
  const resolved = (overrides: Record<string, unknown> = {}): AllStreamResolvedEvent =>
    ({
      commitPosition: BigInt(4096),
      event: {
        streamId: 'account-1',
        id: '6f1c1a52-54f7-4c5b-9d0e-0d3d3cf7a0b1',
        isJson: true,
        revision: BigInt(2),
        type: 'AccountEmailChanged',
        created,
        data: { from: 'a@x.io', to: 'b@x.io' },
        metadata: { $correlationId: 'c', $causationId: 'k', schemaVersion: 2, orgId: 'o' },
        position: { commit: BigInt(4096), prepare: BigInt(4096) },
        ...overrides,
      },
    }) as AllStreamResolvedEvent;

  it('maps the envelope: revision, commit position, server time, metadata', () => {
    expect(toRecordedEvent(resolved())).toEqual({
      eventId: '6f1c1a52-54f7-4c5b-9d0e-0d3d3cf7a0b1',
      type: 'AccountEmailChanged',
      schemaVersion: 2,
      streamId: 'account-1',
      revision: 2,
      position: 4096,
      occurredAt: '2024-05-06T07:08:09.123Z',
      data: { from: 'a@x.io', to: 'b@x.io' },
      metadata: { correlationId: 'c', causationId: 'k', orgId: 'o' },
    });
  });

  it('prefers the occurredAt the writer chose over the server time', () => {
    const event = toRecordedEvent(
      resolved({ metadata: { occurredAt: '2020-01-01T00:00:00.000Z' } }),
    );
    expect(event?.occurredAt).toBe('2020-01-01T00:00:00.000Z');
    expect(event?.schemaVersion).toBe(1);
  });

  it('decodes binary events written by other tools', () => {
    expect(
      toRecordedEvent(resolved({ isJson: false, data: new TextEncoder().encode('{"n":1}') }))?.data,
    ).toEqual({ n: 1 });
    expect(
      toRecordedEvent(resolved({ isJson: false, data: new TextEncoder().encode('plain') }))?.data,
    ).toBe('plain');
  });

  it('skips links whose target is gone', () => {
    expect(toRecordedEvent({ commitPosition: BigInt(1) })).toBeUndefined();
  });

  it('uses 0 for a position the server did not report', () => {
    expect(toPosition(undefined)).toBe(0);
    expect(toPosition(BigInt('18446744073709551615'))).toBe(0);
    expect(toPosition(BigInt(123))).toBe(123);
  });

  it('starts reads at the start for 0 and at {p, p} for an exclusive checkpoint p', () => {
    expect(toReadPosition(0)).toBe('start');
    expect(toReadPosition(4096)).toEqual({ commit: BigInt(4096), prepare: BigInt(4096) });
  });
});
