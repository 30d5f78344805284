import { actorInWords } from './actor-in-words';
import { describeEvent } from './describe-event';
import type { Names } from './names';
import { timeInZone } from './time-in-zone';

const names: Names = {
  userNameOf: (id) => ({ bob: 'bob', alice: 'alice' })[id],
  credentialOf: (id) => (id === 'k1' ? { name: 'ci', clientId: 'aci_123' } : undefined),
  deviceLabelOf: (id) => (id === 'd1' ? 'Firefox on Windows' : undefined),
};

describe('history in words', () => {
  it.each([
    [
      'AccountMobilePhoneChanged',
      { accountId: 'a', from: '+33612345678', to: '+447911123456' },
      'mobile phone +33612345678 → +447911123456',
    ],
    [
      'AccountMobilePhoneChanged',
      { accountId: 'a', from: null, to: '+447911123456' },
      'mobile phone none → +447911123456',
    ],
    [
      'AuthenticationMethodChanged',
      { accountId: 'a', from: 'password', to: 'authenticator-every-time' },
      'sign-in method password → authenticator app (every time)',
    ],
    [
      'AccountGroupRestrictionChanged',
      {
        accountId: 'a',
        from: { kind: 'all' },
        to: { kind: 'groups', groups: ['ops', 'sales'] },
      },
      'group restriction all groups → groups ops, sales',
    ],
    [
      'ApiCredentialRegenerated',
      { accountId: 'a', credentialId: 'k1', secretHash: 'hmac-sha256:x' },
      'API credential ci (aci_123) regenerated',
    ],
    [
      'ApiCredentialRevoked',
      {
        accountId: 'a',
        credentialId: 'k1',
        reason: 'removed-by-administrator',
      },
      'API credential ci (aci_123) revoked by an administrator',
    ],
    [
      'TrustedDeviceRevoked',
      { accountId: 'a', deviceId: 'd1', reason: 'user' },
      'trusted computer "Firefox on Windows" removed',
    ],
    [
      'SessionEnded',
      {
        accountId: 'a',
        sessionId: 's',
        reason: 'refresh-token-reused',
        endedAt: '',
      },
      'session ended: a refresh token was used twice (possible theft)',
    ],
    [
      'AuthenticatorReset',
      { accountId: 'a', by: 'bob', reason: 'lost phone' },
      'authenticator app reset by administrator bob: lost phone',
    ],
    [
      'PasswordChanged',
      { accountId: 'a', passwordHash: '$argon2id$…', endOtherSessions: true },
      'password changed; other sessions ended',
    ],
    ['SomethingNew', { accountId: 'a' }, 'SomethingNew'],
  ])('%s → %s', (type, data, sentence) => {
    expect(describeEvent({ type, data }, names)).toBe(sentence);
  });

  it("shows every instant of a sentence in the reader's zone (UTC when none is given)", () => {
    const trusted = {
      type: 'TrustedDeviceAdded',
      data: {
        label: 'Firefox',
        ip: null,
        expiresAt: '2026-04-01T00:00:00.000Z',
      },
    };
    expect(describeEvent(trusted, names, 'America/New_York')).toBe(
      'computer "Firefox" trusted until 2026-03-31T20:00:00-04:00',
    );
    expect(describeEvent(trusted, names)).toBe(
      'computer "Firefox" trusted until 2026-04-01T00:00:00+00:00',
    );
    const locked = {
      type: 'SignInAttemptFailed',
      data: {
        factor: 'password',
        guard: {
          consecutiveFailures: 5,
          lockedUntil: '2026-01-15T12:15:00.000Z',
        },
      },
    };
    expect(describeEvent(locked, names, 'Europe/Paris')).toBe(
      'sign-in failed: wrong password (5 in a row); locked until 2026-01-15T13:15:00+01:00',
    );
    const key = {
      type: 'ApiCredentialGenerated',
      data: {
        credentialId: 'k1',
        clientId: 'aci_123',
        expiresAt: '2026-07-01T00:00:00.000Z',
      },
    };
    expect(describeEvent(key, names, 'Asia/Tokyo')).toBe(
      'API credential ci (aci_123) generated, expires 2026-07-01T09:00:00+09:00',
    );
  });

  it('never prints a hash, even when the event carries one', () => {
    const text = describeEvent(
      {
        type: 'PasswordChanged',
        data: { passwordHash: '$argon2id$secret', endOtherSessions: false },
      },
      names,
    );
    expect(text).not.toMatch(/argon2/);
  });

  it('names the actor: the user, another user, an administrator, an API credential, the system', () => {
    expect(actorInWords({ kind: 'user', accountId: 'alice' }, 'alice', names)).toBe('the user');
    expect(actorInWords({ kind: 'user', accountId: 'bob' }, 'alice', names)).toBe('user bob');
    expect(actorInWords({ kind: 'admin', accountId: 'bob' }, 'alice', names)).toBe(
      'administrator bob',
    );
    expect(
      actorInWords({ kind: 'api', accountId: 'alice', credentialId: 'k1' }, 'alice', names),
    ).toBe('API credential ci (aci_123)');
    expect(actorInWords({ kind: 'api', accountId: 'alice' }, 'alice', names)).toBe(
      'an API credential of the user',
    );
    expect(actorInWords({ kind: 'system' }, 'alice', names)).toBe('the system');
    expect(actorInWords(undefined, 'alice', names)).toBe('the system');
  });

  it('shows an instant in a zone with its offset, summer and winter', () => {
    expect(timeInZone('2026-01-15T12:00:00Z', 'Europe/Paris')).toBe('2026-01-15T13:00:00+01:00');
    expect(timeInZone('2026-07-15T12:00:00.250Z', 'Europe/Paris')).toBe(
      '2026-07-15T14:00:00.250+02:00',
    );
    expect(timeInZone('2026-07-15T12:00:00Z', 'America/New_York')).toBe(
      '2026-07-15T08:00:00-04:00',
    );
  });
});
