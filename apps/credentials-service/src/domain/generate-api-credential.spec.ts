import { DeciderSpecification } from '@accounts/testing';
import { apiCredentialsDecider } from './api-credentials-decider';
import { admin, at, generate, generated, NOW, revoked } from './testing/fixtures';

const spec = DeciderSpecification.for(apiCredentialsDecider);

describe('generating an API credential', () => {
  it('records the credential with its hash only, no name and no expiry by default', () => {
    spec
      .given([])
      .when(generate('c1'), at)
      .then([generated('c1')]);
  });

  it('keeps a trimmed name and normalises the expiry to ISO-8601 UTC', () => {
    spec
      .given([])
      .when(generate('c1', { name: '  CI pipeline ', expiresAt: '2026-06-01T02:00:00+02:00' }), at)
      .then([generated('c1', { name: 'CI pipeline', expiresAt: '2026-06-01T00:00:00.000Z' })]);
  });

  it('treats a blank name as no name', () => {
    spec
      .given([])
      .when(generate('c1', { name: '   ' }), at)
      .then([generated('c1')]);
  });

  it('lets an account hold several credentials, up to the limit', () => {
    const nine = Array.from({ length: 9 }, (_, i) => generated(`c${i}`));
    spec
      .given(nine)
      .when(generate('c9'), at)
      .then([generated('c9')]);
    spec
      .given([...nine, generated('c9')])
      .when(generate('c10'), at)
      .thenThrows('CREDENTIALS-limit-reached', 'conflict');
  });

  it('does not count revoked credentials against the limit, and uses the configured limit', () => {
    const two = [generated('c1'), generated('c2')];
    const policy = { maxCredentials: 2 };
    spec.given(two).when(generate('c3', { policy }), at).thenThrows('CREDENTIALS-limit-reached');
    spec
      .given([...two, revoked('c1')])
      .when(generate('c3', { policy }), at)
      .then([generated('c3')]);
  });

  it('refuses an expiry in the past or now, naming the field', () => {
    spec
      .given([])
      .when(generate('c1', { expiresAt: NOW.toISOString() }), at)
      .thenThrows('CREDENTIALS-expiry-not-in-future', 'invalid');
    spec
      .given([])
      .when(generate('c1', { expiresAt: 'soon' }), at)
      .thenThrows('CREDENTIALS-expiry-invalid', 'invalid');
  });

  it('refuses a name too long or with control characters', () => {
    spec
      .given([])
      .when(generate('c1', { name: 'x'.repeat(101) }), at)
      .thenThrows('CREDENTIALS-name-invalid', 'invalid');
    spec
      .given([])
      .when(generate('c1', { name: 'a\nb' }), at)
      .thenThrows('CREDENTIALS-name-invalid', 'invalid');
  });

  it.each(['CI\u202etxt.exe', 'CI\u2028pipeline', 'CI\u0085', 'C\u200bI'])(
    'refuses a name %p that spoofs its display',
    (name) => {
      spec
        .given([])
        .when(generate('c1', { name }), at)
        .thenThrows('CREDENTIALS-name-invalid', 'invalid');
    },
  );

  it('never generates for another account, even for an administrator', () => {
    spec
      .given([])
      .when(generate('c1', { actor: admin }), at)
      .thenThrows('CREDENTIALS-generate-own-only', 'forbidden');
  });

  it('refuses an id already used', () => {
    spec
      .given([generated('c1')])
      .when(generate('c1'), at)
      .thenThrows('CREDENTIALS-credential-exists', 'conflict');
  });
});

describe('the scopes of a new API credential', () => {
  it('records the chosen scopes once each, in canonical order; none chosen means profile:read', () => {
    spec
      .given([])
      .when(
        generate('c1', {
          scopes: ['audit:read', 'profile:write', 'profile:read', 'audit:read'],
        }),
        at,
      )
      .then([
        generated('c1', {
          scopes: ['profile:read', 'profile:write', 'audit:read'],
        }),
      ]);
    spec
      .given([])
      .when(generate('c1', { scopes: null }), at)
      .then([generated('c1', { scopes: ['profile:read'] })]);
  });

  it('refuses an empty list or an unknown scope, naming the field', () => {
    spec
      .given([])
      .when(generate('c1', { scopes: [] }), at)
      .thenThrows('CREDENTIALS-scopes-invalid', 'invalid');
    spec
      .given([])
      .when(generate('c1', { scopes: ['profile:read', 'admin'] }), at)
      .thenThrows('CREDENTIALS-scopes-invalid', 'invalid');
    spec
      .given([])
      .when(generate('c1', { scopes: [42] }), at)
      .thenThrows('CREDENTIALS-scopes-invalid', 'invalid');
  });

  it('gives accounts:read and accounts:write to administrators only', () => {
    spec
      .given([])
      .when(generate('c1', { scopes: ['accounts:read'] }), at)
      .thenThrows('CREDENTIALS-scope-not-allowed', 'forbidden');
    spec
      .given([])
      .when(generate('c1', { scopes: ['accounts:write'] }), at)
      .thenThrows('CREDENTIALS-scope-not-allowed', 'forbidden');
    spec
      .given([])
      .when(
        generate('c1', {
          scopes: ['accounts:write', 'accounts:read'],
          ownerAccountType: 'administrator',
        }),
        at,
      )
      .then([generated('c1', { scopes: ['accounts:read', 'accounts:write'] })]);
  });
});
