import type { RecordedEvent } from '@accounts/event-store';
import { MissingUpcasterError, UnknownSchemaVersionError } from './upcast-errors';
import { Upcasters } from './upcasters';

function recorded(type: string, schemaVersion: number, data: unknown): RecordedEvent {
  return {
    eventId: '00000000-0000-4000-8000-000000000001',
    type,
    schemaVersion,
    streamId: 'account-1',
    revision: 0,
    position: 1,
    occurredAt: '2026-01-01T00:00:00.000Z',
    data,
    metadata: { correlationId: 'c', causationId: 'c', actor: { kind: 'system' } },
  };
}

describe('Upcasters', () => {
  const upcasters = new Upcasters({ PhoneChanged: 3, NameChanged: 1 })
    .register<
      { phone: string },
      { number: string }
    >('PhoneChanged', 1, (v1) => ({ number: v1.phone }))
    .register<
      { number: string },
      { e164: string }
    >('PhoneChanged', 2, (v2) => ({ e164: `+${v2.number}` }));

  it('lifts a payload step by step to the current version', () => {
    expect(upcasters.upcast(recorded('PhoneChanged', 1, { phone: '4412' }))).toMatchObject({
      schemaVersion: 3,
      data: { e164: '+4412' },
    });
    expect(upcasters.upcast(recorded('PhoneChanged', 2, { number: '33' }))).toMatchObject({
      schemaVersion: 3,
      data: { e164: '+33' },
    });
  });

  it('returns current and unknown-type events untouched', () => {
    const current = recorded('PhoneChanged', 3, { e164: '+1' });
    expect(upcasters.upcast(current)).toBe(current);
    const foreign = recorded('SomethingElse', 7, { x: 1 });
    expect(upcasters.upcast(foreign)).toBe(foreign);
  });

  it('refuses an event newer than the code with a typed error', () => {
    const future = () => upcasters.upcast(recorded('PhoneChanged', 4, {}));
    expect(future).toThrow(UnknownSchemaVersionError);
    expect(future).toThrow(
      expect.objectContaining({
        code: 'UPCAST-unknown-schema-version',
        schemaVersion: 4,
        currentVersion: 3,
      }),
    );
    expect(() => upcasters.upcast(recorded('NameChanged', 2, {}))).toThrow(
      UnknownSchemaVersionError,
    );
  });

  it('reports a missing step instead of handing an old payload to evolve', () => {
    const gap = new Upcasters({ EmailChanged: 3 }).register('EmailChanged', 2, (d) => d);
    expect(() => gap.upcast(recorded('EmailChanged', 1, {}))).toThrow(MissingUpcasterError);
  });

  it('knows the version to write: from the map, else from the registered steps, else 1', () => {
    expect(upcasters.currentVersion('PhoneChanged')).toBe(3);
    expect(new Upcasters().register('X', 1, (d) => d).currentVersion('X')).toBe(2);
    expect(upcasters.currentVersion('Other')).toBe(1);
  });
});
