import { DeciderSpecification } from '@accounts/testing';
import { answer, codeChallenge, codeFailed, totpChallenge } from '../testing/challenge-fixtures';
import { completed, NEW_DEVICE, passed, started } from '../testing/sign-in-fixtures';
import { signInDecider } from './sign-in-decider';

const spec = DeciderSpecification.for(signInDecider);
const recovery = (verdict: 'accepted' | 'wrong') => answer({ kind: 'recovery-code', verdict });

describe('POST /auth/login/:challengeId { recoveryCode }: instead of the second factor', () => {
  it('completes an authenticator or an email challenge with a used-up recovery code', () => {
    spec
      .given([started('authenticator'), totpChallenge])
      .when(recovery('accepted'))
      .then([
        passed('authenticator', 'recovery-code'),
        completed(['pwd', 'mfa', 'otp'], null, NEW_DEVICE),
      ]);
    spec
      .given([started('email-every-time'), codeChallenge('email', 'j***@example.com')])
      .when(recovery('accepted'))
      .then([passed('email', 'recovery-code'), completed(['pwd', 'mfa', 'email'])]);
  });

  it('counts a wrong recovery code like a wrong code, up to the challenge limit', () => {
    spec
      .given([started('authenticator'), totpChallenge])
      .when(recovery('wrong'))
      .then([codeFailed(1)]);
    spec
      .given([
        started('authenticator'),
        totpChallenge,
        codeFailed(1),
        codeFailed(2),
        codeFailed(3),
        codeFailed(4),
        codeFailed(5),
      ])
      .when(recovery('accepted'))
      .thenThrows('AUTH-challenge-attempts-exhausted', 'too_many_attempts');
  });
});
