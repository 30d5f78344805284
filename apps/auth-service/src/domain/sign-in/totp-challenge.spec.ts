import { DeciderSpecification } from '@accounts/testing';
import { completed, NEW_DEVICE, passed, started } from '../testing/sign-in-fixtures';
import {
  answer,
  code,
  codeFailed,
  enrollChallenge,
  totp,
  totpChallenge,
} from '../testing/challenge-fixtures';
import { signInDecider } from './sign-in-decider';

const spec = DeciderSpecification.for(signInDecider);

describe('POST /auth/login/:challengeId with an authenticator code', () => {
  const flow = [started('authenticator'), totpChallenge];

  it('issues tokens when the guard accepted the code, trusting the computer for the plain method', () => {
    spec
      .given(flow)
      .when(answer(totp('accepted')))
      .then([passed('authenticator'), completed(['pwd', 'mfa', 'otp'], null, NEW_DEVICE)]);
    spec
      .given([started('authenticator-every-time'), totpChallenge])
      .when(answer(totp('accepted')))
      .then([passed('authenticator'), completed(['pwd', 'mfa', 'otp'])]);
  });

  it('counts a wrong or replayed code as a guess', () => {
    spec
      .given(flow)
      .when(answer(totp('wrong')))
      .then([codeFailed(1)]);
    spec
      .given(flow)
      .when(answer(totp('replayed')))
      .then([codeFailed(1, 'replayed')]);
  });

  it('sends an enrollment challenge to completion, not to code checking', () => {
    spec
      .given([started('password'), enrollChallenge('organization-requires-two-factor')])
      .when(answer(code()))
      .thenThrows('AUTH-challenge-enrollment-required', 'conflict');
  });
});
