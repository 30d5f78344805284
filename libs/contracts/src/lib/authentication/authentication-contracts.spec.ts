import {
  AuthenticationEventSchemaVersions,
  AuthenticationEventTypes,
  AuthenticationStreamPrefixes,
  isAuthenticationEventType,
} from './authentication-event-types';

describe('authentication contracts', () => {
  it('has a schema version for every event type', () => {
    expect(Object.keys(AuthenticationEventSchemaVersions).sort()).toEqual(
      Object.keys(AuthenticationEventTypes).sort(),
    );
    expect(isAuthenticationEventType('TotpCodeReplayed')).toBe(true);
    expect(isAuthenticationEventType('AccountRegistered')).toBe(false);
    expect(isAuthenticationEventType('constructor')).toBe(false);
  });

  it('uses stream prefixes that never match one another', () => {
    const prefixes = Object.values(AuthenticationStreamPrefixes);
    for (const a of prefixes)
      for (const b of prefixes) if (a !== b) expect(a.startsWith(b)).toBe(false);
  });
});
