import { DeciderSpecification } from '@accounts/testing';
import { at, sha } from '../testing/fixtures';
import { completed, NEW_DEVICE, passed, started } from '../testing/sign-in-fixtures';
import {
  answer,
  code,
  codeChallenge,
  codeFailed,
  emailFlow,
  resend,
} from '../testing/challenge-fixtures';
import { signInDecider } from './sign-in-decider';

const spec = DeciderSpecification.for(signInDecider);

describe('POST /auth/login/:challengeId with an email or SMS code', () => {
  it('issues tokens and trusts the computer for the plain methods', () => {
    spec
      .given(emailFlow)
      .when(answer(code()))
      .then([passed('email'), completed(['pwd', 'mfa', 'email'], null, NEW_DEVICE)]);
    spec
      .given([started('sms'), codeChallenge('sms', '+33 ******89')])
      .when(answer(code()))
      .then([passed('sms'), completed(['pwd', 'mfa', 'sms'], null, NEW_DEVICE)]);
  });

  it('issues tokens without trusting the computer for the every-time methods', () => {
    spec
      .given([started('email-every-time'), codeChallenge('email', 'j***e@example.com')])
      .when(answer(code()))
      .then([passed('email'), completed(['pwd', 'mfa', 'email'])]);
    // A recognized computer on an every-time method is not added a second time either.
    spec
      .given([started('sms-every-time', 'dev-1'), codeChallenge('sms', '+33 ******89')])
      .when(answer(code()))
      .then([passed('sms'), completed(['pwd', 'mfa', 'sms'])]);
  });

  it('counts a wrong code and allows at most 5 guesses per challenge', () => {
    spec
      .given(emailFlow)
      .when(answer(code(sha('x'))))
      .then([codeFailed(1)]);
    spec
      .given([...emailFlow, codeFailed(1), codeFailed(2), codeFailed(3)])
      .when(answer(code(sha('x'))))
      .then([codeFailed(4)]);
    const exhausted = [...emailFlow, ...[1, 2, 3, 4, 5].map((n) => codeFailed(n))];
    spec
      .given(exhausted)
      .when(answer(code()))
      .thenThrows('AUTH-challenge-attempts-exhausted', 'too_many_attempts');
  });

  it('refuses a code after 10 minutes', () => {
    spec
      .given(emailFlow)
      .when(answer(code()), { now: at(599) })
      .then([passed('email'), completed(['pwd', 'mfa', 'email'], null, NEW_DEVICE)]);
    spec
      .given(emailFlow)
      .when(answer(code()), { now: at(600) })
      .thenThrows('AUTH-challenge-expired', 'unauthorized');
  });

  it('accepts a challenge once: a used code does not work again', () => {
    const done = [
      ...emailFlow,
      passed('email'),
      completed(['pwd', 'mfa', 'email'], null, NEW_DEVICE),
    ];
    spec.given(done).when(answer(code())).thenThrows('AUTH-challenge-used', 'unauthorized');
    spec.given(done).when(resend()).thenThrows('AUTH-challenge-used', 'unauthorized');
  });

  it('refuses an unknown challenge and a disabled account', () => {
    spec.given([]).when(answer(code())).thenThrows('AUTH-challenge-not-found', 'not_found');
    spec
      .given(emailFlow)
      .when(answer(code(), false))
      .thenThrows('AUTH-account-disabled', 'forbidden');
  });
});
