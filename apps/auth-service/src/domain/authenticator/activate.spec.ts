import { DeciderSpecification } from '@accounts/testing';
import {
  ACCOUNT,
  at,
  iso,
  PHC_CURRENT,
  passwordPolicy,
  passwordSet,
  sha,
} from '../testing/fixtures';
import type { Activate } from './authenticator-commands';
import { authenticatorDecider } from './authenticator-decider';

const spec = DeciderSpecification.for(authenticatorDecider);

const activate = (overrides: Partial<Activate['data']> = {}): Activate => ({
  type: 'Activate',
  data: {
    accountId: ACCOUNT,
    activation: { tokenSha256: sha('a'), expiresAt: iso(72 * 3600) },
    presentedTokenSha256: sha('a'),
    password: 'blue-kettle-42',
    passwordHash: PHC_CURRENT,
    passwordPolicy,
    ...overrides,
  },
});

describe('POST /auth/activate', () => {
  it('sets the first password with the token of the activation link', () => {
    spec
      .given([])
      .when(activate())
      .then([
        {
          type: 'PasswordSet',
          data: { accountId: ACCOUNT, passwordHash: PHC_CURRENT },
        },
      ]);
  });

  it('refuses a wrong, expired or already used token with 401 and a code for each', () => {
    spec
      .given([])
      .when(activate({ presentedTokenSha256: sha('b') }))
      .thenThrows('AUTH-activation-token-invalid', 'unauthorized');
    spec
      .given([])
      .when(activate(), { now: at(72 * 3600) })
      .thenThrows('AUTH-activation-token-expired', 'unauthorized');
    spec
      .given([])
      .when(activate(), { now: at(72 * 3600 - 1) })
      .then([expect.objectContaining({ type: 'PasswordSet' })]);
    spec
      .given([passwordSet])
      .when(activate())
      .thenThrows('AUTH-activation-token-used', 'unauthorized');
  });

  it('applies the password policy to the first password', () => {
    spec
      .given([])
      .when(activate({ password: 'too-short' }))
      .thenThrows('AUTH-password-too-short', 'invalid');
    spec
      .given([])
      .when(activate({ password: 'password1234' }))
      .thenThrows('AUTH-password-common', 'invalid');
    spec
      .given([])
      .when(activate({ password: 'i-am-jane-doe!' }))
      .thenThrows('AUTH-password-contains-user-name', 'invalid');
  });
});
