import { SqliteEventStore } from '../../libs/event-store/src';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { schemaViolation, takeViolations } from './validate-appended-events';

const metadata = {
  correlationId: 'c',
  causationId: 'c',
  actor: { kind: 'user', accountId: 'a' },
};
const prepared = (type: string, data: unknown, schemaVersion = 1, meta: unknown = metadata) => ({
  type,
  schemaVersion,
  data: JSON.stringify(data),
  metadata: JSON.stringify(meta),
});
const SERVICE_TEST = join(__dirname, '..', '..', 'apps', 'profile-service', 'src', 'x.spec.ts');

describe('every appended event validates against its JSON Schema (jest setup)', () => {
  it('accepts a valid event and names what is wrong with an invalid one', () => {
    expect(schemaViolation(prepared('AccountEnabled', { accountId: 'a' }))).toBeUndefined();
    expect(schemaViolation(prepared('AccountEnabled', { accountId: 'a', password: 'x' }))).toBe(
      'data must NOT have additional properties (password)',
    );
    expect(
      schemaViolation(
        prepared('AccountTypeChanged', {
          accountId: 'a',
          from: 'standard',
          to: 'boss',
        }),
      ),
    ).toMatch(/^data\/to must be equal to one of the allowed values/);
    expect(
      schemaViolation(
        prepared('AccountEnabled', { accountId: 'a' }, 1, {
          actor: { kind: 'user' },
        }),
      ),
    ).toMatch(/^metadata must have required property/);
    expect(schemaViolation(prepared('AccountEnabled', { accountId: 'a' }, 7))).toBe(
      'no schema for AccountEnabled v7 (a version without a schema)',
    );
  });

  it('refuses a made-up type in a service test; other libraries may use one; the domain-free libraries are not checked', () => {
    const lib = (name: string) => join(__dirname, '..', '..', 'libs', name, 'src', 'x.spec.ts');
    expect(schemaViolation(prepared('Frobnicated', {}), SERVICE_TEST)).toMatch(
      /no schema for event type Frobnicated/,
    );
    expect(schemaViolation(prepared('Frobnicated', {}), lib('service-kit'))).toBeUndefined();
    expect(schemaViolation(prepared('AccountEnabled', {}), lib('service-kit'))).toMatch(
      /required property 'accountId'/,
    );
    expect(schemaViolation(prepared('AccountEnabled', {}), lib('messaging'))).toBeUndefined();
  });

  it('sees an append through a real store adapter and names the event type, stream and error (the test then fails)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'schema-hook-'));
    const store = new SqliteEventStore({
      path: join(dir, 'events.sqlite'),
      synchronous: 'normal',
    });
    try {
      await store.append('account-a', [
        { type: 'AccountEnabled', data: { accountId: 'a' }, metadata },
      ]);
      expect(takeViolations()).toEqual([]);
      await store.append('account-a', [
        {
          type: 'AccountDisabled',
          data: { accountId: 'a', reason: 7 },
          metadata,
        },
      ]);
      // Taken here so that this test passes; left alone, the setup's afterEach fails the test with this text.
      expect(takeViolations()).toEqual([
        'AccountDisabled v1 appended to account-a: data/reason must be string',
      ]);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
