import type { AuthenticatorEvent } from '@accounts/contracts';
import { DeciderSpecification } from '@accounts/testing';
import {
  ACCOUNT,
  at,
  iso,
  passwordPolicy,
  passwordSet,
  PHC_NEW,
  sha,
  trustedDeviceAdded,
} from '../testing/fixtures';
import type { RequestPasswordReset, ResetPassword } from './authenticator-commands';
import { authenticatorDecider } from './authenticator-decider';

const spec = DeciderSpecification.for(authenticatorDecider);

const request = (resetId = 'reset-1', tokenSha256 = sha('a')): RequestPasswordReset => ({
  type: 'RequestPasswordReset',
  data: { accountId: ACCOUNT, resetId, tokenSha256 },
});
const requested = (
  resetId = 'reset-1',
  tokenSha256 = sha('a'),
  secondsAfterNow = 0,
): AuthenticatorEvent => ({
  type: 'PasswordResetRequested',
  data: {
    accountId: ACCOUNT,
    resetId,
    tokenSha256,
    requestedAt: iso(secondsAfterNow),
    expiresAt: iso(secondsAfterNow + 30 * 60),
  },
});
const reset = (overrides: Partial<ResetPassword['data']> = {}): ResetPassword => ({
  type: 'ResetPassword',
  data: {
    accountId: ACCOUNT,
    presentedTokenSha256: sha('a'),
    newPassword: 'green-teapot-77',
    repeatPassword: 'green-teapot-77',
    newPasswordHash: PHC_NEW,
    passwordPolicy,
    ...overrides,
  },
});
const wasReset: AuthenticatorEvent = {
  type: 'PasswordReset',
  data: { accountId: ACCOUNT, resetId: 'reset-1', passwordHash: PHC_NEW },
};

describe('POST /auth/password-reset: a link valid 30 minutes, only its hash stored', () => {
  it('records the link with its expiry', () => {
    spec.given([passwordSet]).when(request()).then([requested()]);
  });

  it('does nothing for an account not activated yet (the answer is the same 202)', () => {
    spec.given([]).when(request()).thenNothingHappened();
  });

  it('sends at most 3 links per account per 15 minutes, then again after the window', () => {
    const three = [requested('r1', sha('1')), requested('r2', sha('2')), requested('r3', sha('3'))];
    spec
      .given([passwordSet, ...three])
      .when(request('r4', sha('4')))
      .thenNothingHappened();
    spec
      .given([passwordSet, ...three])
      .when(request('r4', sha('4')), { now: at(15 * 60 + 1) })
      .then([requested('r4', sha('4'), 15 * 60 + 1)]);
  });
});

describe('POST /auth/password-reset/confirm', () => {
  it('sets the new password and makes every trusted computer ask for the second factor again', () => {
    spec
      .given([passwordSet, trustedDeviceAdded('dev-1'), requested()])
      .when(reset())
      .then([
        wasReset,
        {
          type: 'TrustedDeviceRevoked',
          data: {
            accountId: ACCOUNT,
            deviceId: 'dev-1',
            reason: 'password-reset',
          },
        },
      ]);
  });

  it('works once: a used link says so', () => {
    spec
      .given([passwordSet, requested(), wasReset])
      .when(reset())
      .thenThrows('AUTH-reset-link-used', 'unauthorized');
  });

  it('says plainly that a link expired after 30 minutes', () => {
    spec
      .given([passwordSet, requested()])
      .when(reset(), { now: at(30 * 60) })
      .thenThrows('AUTH-reset-link-expired', 'unauthorized');
    spec
      .given([passwordSet, requested()])
      .when(reset(), { now: at(30 * 60 - 1) })
      .then([wasReset]);
  });

  it('refuses a wrong token, and an older link once a newer one was sent', () => {
    spec
      .given([passwordSet, requested()])
      .when(reset({ presentedTokenSha256: sha('b') }))
      .thenThrows('AUTH-reset-link-invalid', 'unauthorized');
    spec.given([passwordSet]).when(reset()).thenThrows('AUTH-reset-link-invalid');
    spec
      .given([passwordSet, requested('r1', sha('a')), requested('r2', sha('b'))])
      .when(reset({ presentedTokenSha256: sha('a') }))
      .thenThrows('AUTH-reset-link-invalid');
  });

  it('applies the password policy and the repeat check, naming the field', () => {
    spec
      .given([passwordSet, requested()])
      .when(reset({ repeatPassword: 'other-teapot-77' }))
      .thenThrows('AUTH-password-repeat-mismatch', 'invalid');
    spec
      .given([passwordSet, requested()])
      .when(reset({ newPassword: 'short', repeatPassword: 'short' }))
      .thenThrows('AUTH-password-too-short', 'invalid');
  });
});
