import type { AuthenticatorEvent } from '@accounts/contracts';
import { DeciderSpecification } from '@accounts/testing';
import {
  ACCOUNT,
  authenticatorOf,
  at,
  contacts,
  emailVerified,
  enabledAccount,
  enrolled,
  enrollmentStarted,
  historyFor,
  iso,
  methodChanged,
  passwordSet,
} from '../testing/fixtures';
import {
  completed,
  NEW_DEVICE,
  passed,
  SESSION,
  SIGNIN,
  started,
} from '../testing/sign-in-fixtures';
import { codeChallenge, enrollChallenge } from '../testing/challenge-fixtures';
import type { CompleteEnrollment } from './sign-in-commands';
import { signInDecider } from './sign-in-decider';

const spec = DeciderSpecification.for(signInDecider);
const required = [started('password'), enrollChallenge('organization-requires-two-factor')];

const complete = (
  history: readonly AuthenticatorEvent[],
  account = enabledAccount,
): CompleteEnrollment => ({
  type: 'CompleteEnrollment',
  data: {
    signinId: SIGNIN,
    account,
    organization: { twoFactorRequired: true },
    authenticator: authenticatorOf(history),
    sessionId: SESSION,
    newTrustedDeviceId: NEW_DEVICE,
  },
});

describe('completing a sign-in that had to set up a second factor', () => {
  it('issues tokens once an authenticator was enrolled during the sign-in', () => {
    const history = [
      passwordSet,
      enrollmentStarted('authenticator'),
      enrolled('authenticator', iso(60)),
      methodChanged('password', 'authenticator'),
    ];
    spec
      .given(required)
      .when(complete(history), { now: at(120) })
      .then([
        passed('authenticator', 'enrollment'),
        completed(['pwd', 'mfa', 'otp'], null, NEW_DEVICE),
      ]);
  });

  it('issues tokens once an email was verified and chosen during the sign-in (every time: no trusted computer)', () => {
    const history = [
      passwordSet,
      emailVerified(iso(30)),
      methodChanged('password', 'email-every-time'),
    ];
    spec
      .given(required)
      .when(complete(history), { now: at(60) })
      .then([passed('email', 'enrollment'), completed(['pwd', 'mfa', 'email'])]);
  });

  it('refuses while no second factor was proved after the challenge: the password alone never suffices', () => {
    spec
      .given(required)
      .when(complete(historyFor('password')))
      .thenThrows('AUTH-enrollment-incomplete', 'conflict');
    // Verified long before this sign-in: the user must prove it now.
    spec
      .given(required)
      .when(complete([passwordSet, emailVerified(iso(-60)), methodChanged('password', 'email')]))
      .thenThrows('AUTH-enrollment-incomplete');
    // Enrollment started but not confirmed.
    spec
      .given(required)
      .when(complete([passwordSet, enrollmentStarted('authenticator')]))
      .thenThrows('AUTH-enrollment-incomplete');
  });

  it('lets a user whose authenticator was reset enroll again', () => {
    const reset: AuthenticatorEvent = {
      type: 'AuthenticatorReset',
      data: { accountId: ACCOUNT, by: 'acc-admin', reason: 'lost' },
    };
    const again = [
      ...historyFor('authenticator-every-time'),
      reset,
      enrollmentStarted('authenticator-every-time'),
      enrolled('authenticator-every-time', iso(10)),
    ];
    spec
      .given([started('authenticator-every-time'), enrollChallenge('authenticator-not-enrolled')])
      .when(complete(again), { now: at(20) })
      .then([passed('authenticator', 'enrollment'), completed(['pwd', 'mfa', 'otp'])]);
  });

  it('refuses after 15 minutes, on a code challenge, on a disabled account and once completed', () => {
    const history = [passwordSet, emailVerified(iso(30)), methodChanged('password', 'email')];
    spec
      .given(required)
      .when(complete(history), { now: at(900) })
      .thenThrows('AUTH-challenge-expired', 'unauthorized');
    spec
      .given([started('email'), codeChallenge('email', 'j***e@example.com')])
      .when(complete(history))
      .thenThrows('AUTH-challenge-not-enrollment', 'conflict');
    spec
      .given(required)
      .when(complete(history, { ...contacts, enabled: false }), { now: at(60) })
      .thenThrows('AUTH-account-disabled', 'forbidden');
    const done = [
      ...required,
      passed('email', 'enrollment'),
      completed(['pwd', 'mfa', 'email'], null, NEW_DEVICE),
    ];
    spec
      .given(done)
      .when(complete(history), { now: at(60) })
      .thenThrows('AUTH-challenge-used', 'unauthorized');
  });
});
