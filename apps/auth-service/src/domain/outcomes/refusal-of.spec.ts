import type { AuthenticationEvent } from '@accounts/contracts';
import { ACCOUNT, iso } from '../testing/fixtures';
import { initialGuard } from '../values/lockout';
import { refusalOf, totpVerdictOf } from './refusal-of';

const guard = initialGuard;
const passwordFailed: AuthenticationEvent = {
  type: 'SignInAttemptFailed',
  data: {
    accountId: ACCOUNT,
    signinId: null,
    factor: 'password',
    failedAt: iso(0),
    guard,
  },
};
const brief = (events: AuthenticationEvent[]) => {
  const error = refusalOf(events);
  return error && { kind: error.kind, code: error.code, details: error.details };
};

describe('the answer after a recorded refusal', () => {
  it('answers a wrong password with the generic 401', () => {
    expect(brief([passwordFailed])).toEqual({
      kind: 'unauthorized',
      code: 'AUTH-sign-in-failed',
      details: undefined,
    });
  });

  it('answers a wrong or replayed code with the guesses left, preferring the challenge event', () => {
    const codeFailed: AuthenticationEvent = {
      type: 'SignInChallengeCodeFailed',
      data: {
        signinId: 's',
        accountId: ACCOUNT,
        reason: 'wrong',
        failedAttempts: 2,
        attemptsLeft: 3,
      },
    };
    const codeGuard: AuthenticationEvent = {
      ...passwordFailed,
      data: { ...passwordFailed.data, factor: 'email' },
    } as AuthenticationEvent;
    expect(brief([codeGuard, codeFailed])).toEqual({
      kind: 'unauthorized',
      code: 'AUTH-challenge-code-wrong',
      details: { attemptsLeft: 3 },
    });
    const replay: AuthenticationEvent = {
      type: 'TotpCodeReplayed',
      data: {
        accountId: ACCOUNT,
        signinId: 's',
        timeStep: 1,
        failedAt: iso(0),
        guard,
      },
    };
    expect(brief([replay])?.code).toBe('AUTH-challenge-code-replayed');
  });

  it('answers a session ended by a refresh with 401 and the reason, but not a logout', () => {
    const ended = (reason: 'logout' | 'refresh-token-reused'): AuthenticationEvent => ({
      type: 'SessionEnded',
      data: { sessionId: 'x', accountId: ACCOUNT, reason, endedAt: iso(0) },
    });
    expect(brief([ended('refresh-token-reused')])).toEqual({
      kind: 'unauthorized',
      code: 'AUTH-session-ended',
      details: { reason: 'refresh-token-reused' },
    });
    expect(refusalOf([ended('logout')])).toBeNull();
  });

  it('answers a wrong verification code with a 400 naming the field', () => {
    const failed: AuthenticationEvent = {
      type: 'ContactVerificationFailed',
      data: {
        accountId: ACCOUNT,
        channel: 'sms',
        failedAttempts: 1,
        attemptsLeft: 4,
      },
    };
    expect(brief([failed])).toEqual({
      kind: 'invalid',
      code: 'AUTH-verification-code-wrong',
      details: { field: 'code', attemptsLeft: 4 },
    });
  });

  it('reads the TOTP verdict from the guard events', () => {
    const accepted: AuthenticationEvent = {
      type: 'TotpCodeAccepted',
      data: { accountId: ACCOUNT, signinId: 's', timeStep: 1, guard },
    };
    expect(totpVerdictOf([accepted])).toBe('accepted');
    expect(totpVerdictOf([passwordFailed])).toBe('wrong');
    expect(refusalOf([accepted])).toBeNull();
  });
});
