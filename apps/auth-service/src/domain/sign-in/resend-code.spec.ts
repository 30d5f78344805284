import { DeciderSpecification } from '@accounts/testing';
import { at, iso, sha } from '../testing/fixtures';
import { completed, NEW_DEVICE, passed, started } from '../testing/sign-in-fixtures';
import {
  answer,
  code,
  codeFailed,
  emailFlow,
  enrollChallenge,
  resend,
  resent,
  totpChallenge,
} from '../testing/challenge-fixtures';
import { signInDecider } from './sign-in-decider';

const spec = DeciderSpecification.for(signInDecider);

describe('resending the code', () => {
  it('sends a new code valid 10 more minutes; the old one no longer works', () => {
    spec
      .given(emailFlow)
      .when(resend(), { now: at(300) })
      .then([resent(1, sha('n'), iso(900))]);
    spec
      .given([...emailFlow, resent(1)])
      .when(answer(code(sha('c'))))
      .then([codeFailed(1)]);
    spec
      .given([...emailFlow, resent(1, sha('n'), iso(900))])
      .when(answer(code(sha('n'))), { now: at(800) })
      .then([passed('email'), completed(['pwd', 'mfa', 'email'], null, NEW_DEVICE)]);
  });

  it('does not reset the guess count', () => {
    const given = [
      ...emailFlow,
      codeFailed(1),
      codeFailed(2),
      codeFailed(3),
      codeFailed(4),
      resent(1),
    ];
    spec
      .given(given)
      .when(answer(code(sha('x'))))
      .then([codeFailed(5)]);
    spec
      .given([...given, codeFailed(5)])
      .when(resend())
      .thenThrows('AUTH-challenge-attempts-exhausted', 'too_many_attempts');
  });

  it('allows at most 3 resends, and none for an authenticator or enrollment challenge', () => {
    spec
      .given([...emailFlow, resent(1), resent(2)])
      .when(resend())
      .then([resent(3)]);
    spec
      .given([...emailFlow, resent(1), resent(2), resent(3)])
      .when(resend())
      .thenThrows('AUTH-challenge-resend-limit', 'too_many_attempts');
    spec
      .given([started('authenticator'), totpChallenge])
      .when(resend())
      .thenThrows('AUTH-challenge-not-resendable', 'conflict');
    spec
      .given([started('password'), enrollChallenge('organization-requires-two-factor')])
      .when(resend())
      .thenThrows('AUTH-challenge-not-resendable');
  });
});
