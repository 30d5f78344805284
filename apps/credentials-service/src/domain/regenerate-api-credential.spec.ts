import { DeciderSpecification } from '@accounts/testing';
import { apiCredentialsDecider } from './api-credentials-decider';
import {
  admin,
  at,
  generated,
  regenerate,
  regenerated,
  revoked,
  stranger,
} from './testing/fixtures';

const spec = DeciderSpecification.for(apiCredentialsDecider);

describe('regenerating an API credential', () => {
  it('replaces the hash of an active credential', () => {
    spec
      .given([generated('c1')])
      .when(regenerate('c1'), at)
      .then([regenerated('c1')]);
    spec
      .given([generated('c1'), regenerated('c1', 'hmac-sha256:older')])
      .when(regenerate('c1'), at)
      .then([regenerated('c1')]);
  });

  it('knows no revoked or unknown credential', () => {
    spec
      .given([generated('c1'), revoked('c1')])
      .when(regenerate('c1'), at)
      .thenThrows('CREDENTIALS-credential-not-found', 'not_found');
    spec
      .given([generated('c1')])
      .when(regenerate('c2'), at)
      .thenThrows('CREDENTIALS-credential-not-found', 'not_found');
  });

  it('refuses an expired credential', () => {
    const expired = generated('c1', { expiresAt: '2026-03-01T11:59:59.000Z' });
    spec
      .given([expired])
      .when(regenerate('c1'), at)
      .thenThrows('CREDENTIALS-credential-expired', 'conflict');
  });

  it('tells an administrator only the owner may regenerate, and a stranger nothing', () => {
    spec
      .given([generated('c1')])
      .when(regenerate('c1', admin), at)
      .thenThrows('CREDENTIALS-regenerate-own-only', 'forbidden');
    spec
      .given([generated('c1')])
      .when(regenerate('c1', stranger), at)
      .thenThrows('CREDENTIALS-credential-not-found', 'not_found');
  });
});
