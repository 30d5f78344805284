import { DeciderSpecification } from '@accounts/testing';
import {
  ACCOUNT,
  contacts,
  emailVerified,
  enabledAccount,
  historyFor,
  passwordSet,
  sha,
  trustedDeviceAdded,
} from '../testing/fixtures';
import { completed, started, startSignIn } from '../testing/sign-in-fixtures';
import { codeChallenge, enrollChallenge, totpChallenge } from '../testing/challenge-fixtures';
import { signInDecider } from './sign-in-decider';

const spec = DeciderSpecification.for(signInDecider);
const onTrusted = { trustedDeviceTokenSha256: sha('d') };
const withDevice = (method: Parameters<typeof historyFor>[0]) => [
  ...historyFor(method),
  trustedDeviceAdded('dev-1', sha('d')),
];

describe('POST /auth/login: what a verified password leads to', () => {
  it('password method: tokens at once', () => {
    spec
      .given([])
      .when(startSignIn(historyFor('password')))
      .then([started('password'), completed(['pwd'])]);
  });

  it('email and SMS methods on an unrecognized computer: a code to the masked destination', () => {
    spec
      .given([])
      .when(startSignIn(historyFor('email')))
      .then([started('email'), codeChallenge('email', 'j***e@example.com')]);
    spec
      .given([])
      .when(startSignIn(historyFor('sms')))
      .then([started('sms'), codeChallenge('sms', '+33 ******89')]);
  });

  it('authenticator method on an unrecognized computer: a TOTP challenge, no code sent', () => {
    spec
      .given([])
      .when(startSignIn(historyFor('authenticator')))
      .then([started('authenticator'), totpChallenge]);
  });

  it('forces enrolling a second factor when the organization requires two-factor and the user is on password', () => {
    spec
      .given([])
      .when(
        startSignIn(historyFor('password'), {
          organization: { twoFactorRequired: true },
        }),
      )
      .then([started('password'), enrollChallenge('organization-requires-two-factor')]);
  });

  it('demands a new enrollment after an administrator reset the authenticator, even on a trusted computer', () => {
    const reset = {
      type: 'AuthenticatorReset',
      data: { accountId: ACCOUNT, by: 'acc-admin', reason: 'lost' },
    } as const;
    spec
      .given([])
      .when(startSignIn([...withDevice('authenticator'), reset], onTrusted))
      .then([started('authenticator', 'dev-1'), enrollChallenge('authenticator-not-enrolled')]);
  });

  it('demands verifying again an email or phone changed in the profile since it was verified', () => {
    spec
      .given([])
      .when(
        startSignIn(historyFor('email'), {
          account: { ...enabledAccount, email: 'new@example.com' },
        }),
      )
      .then([started('email'), enrollChallenge('email-not-verified')]);
    spec
      .given([])
      .when(
        startSignIn(historyFor('sms-every-time'), {
          account: { ...enabledAccount, mobilePhone: null },
        }),
      )
      .then([started('sms-every-time'), enrollChallenge('phone-not-verified')]);
  });

  it('refuses a wrong password and an account not activated with the same generic 401', () => {
    spec
      .given([])
      .when(startSignIn(historyFor('password'), { passwordVerified: false }))
      .thenThrows('AUTH-sign-in-failed', 'unauthorized');
    spec
      .given([])
      .when(startSignIn([emailVerified()]))
      .thenThrows('AUTH-sign-in-failed', 'unauthorized');
  });

  it('refuses a disabled account', () => {
    spec
      .given([])
      .when(
        startSignIn([passwordSet], {
          account: { ...contacts, enabled: false },
        }),
      )
      .thenThrows('AUTH-account-disabled', 'forbidden');
  });

  it('never starts the same sign-in twice', () => {
    spec
      .given([started('password')])
      .when(startSignIn(historyFor('password')))
      .thenThrows('AUTH-sign-in-exists', 'conflict');
  });
});
