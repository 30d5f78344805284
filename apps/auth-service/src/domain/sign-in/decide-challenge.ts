import type { SignInEvent } from '@accounts/contracts';
import { type CommandContext, DomainError, notFound } from '@accounts/event-sourcing';
import { plusSeconds, reached } from '../shared/time';
import { OneTimeCodePolicy } from '../values/auth-limits';
import { passedAndCompleted } from './completion';
import { accountDisabled } from './decide-start-sign-in';
import type { AnswerChallenge, ResendChallengeCode } from './sign-in-commands';
import type { Challenge, SignInFlow, SignInState } from './sign-in-state';

/** The open flow and its challenge, or the refusal every command on a challenge shares. */
export function openChallenge(state: SignInState): SignInFlow & { challenge: Challenge } {
  if (state.status === 'none' || !state.challenge)
    throw notFound('AUTH-challenge-not-found', 'No such sign-in challenge: sign in again');
  if (state.status === 'completed')
    throw new DomainError(
      'unauthorized',
      'AUTH-challenge-used',
      'This challenge was already used: sign in again',
    );
  return state as SignInFlow & { challenge: Challenge };
}

/**
 * Throws unless a code may be checked against this challenge now. The handler calls it before the
 * guard's UseTotpCode, so that a dead challenge does not use up an authenticator code.
 */
export function answerableChallenge(
  state: SignInState,
  now: Date,
): SignInFlow & { challenge: Challenge } {
  const flow = openChallenge(state);
  const { challenge } = flow;
  if (challenge.kind === 'enroll-second-factor')
    throw new DomainError(
      'conflict',
      'AUTH-challenge-enrollment-required',
      'Set up a second factor first, then complete the sign-in',
    );
  if (challenge.failedAttempts >= challenge.maxAttempts)
    throw new DomainError(
      'too_many_attempts',
      'AUTH-challenge-attempts-exhausted',
      'Too many wrong codes: sign in again',
    );
  if (reached(now, challenge.expiresAt))
    throw new DomainError(
      'unauthorized',
      'AUTH-challenge-expired',
      'This code has expired: ask for a new code or sign in again',
    );
  return flow;
}

export function decideAnswerChallenge(
  { data }: AnswerChallenge,
  state: SignInState,
  { now }: CommandContext,
): SignInEvent[] {
  const flow = answerableChallenge(state, now);
  if (!data.accountEnabled) throw accountDisabled();
  const { challenge } = flow;
  const factor = challenge.kind as Exclude<Challenge['kind'], 'enroll-second-factor'>;
  const { answer } = data;
  // A programming error: the handler picks the answer kind from the challenge it loaded.
  if (answer.kind !== 'recovery-code' && (answer.kind === 'totp') !== (factor === 'authenticator'))
    throw new Error(`a ${answer.kind} answer does not fit a ${factor} challenge`);
  const verdict =
    answer.kind !== 'code'
      ? answer.verdict
      : answer.codeSha256 === challenge.codeSha256
        ? 'accepted'
        : 'wrong';
  if (verdict !== 'accepted') {
    const failedAttempts = challenge.failedAttempts + 1;
    return [
      {
        type: 'SignInChallengeCodeFailed',
        data: {
          signinId: flow.signinId,
          accountId: flow.accountId,
          reason: verdict,
          failedAttempts,
          attemptsLeft: challenge.maxAttempts - failedAttempts,
        },
      },
    ];
  }
  return passedAndCompleted(
    flow,
    factor,
    answer.kind === 'recovery-code' ? 'recovery-code' : 'code',
    flow.method,
    data,
  );
}

/** A new code and a new 10-minute validity; the wrong guesses already made still count. */
export function decideResendChallengeCode(
  { data }: ResendChallengeCode,
  state: SignInState,
  { now }: CommandContext,
): SignInEvent[] {
  const flow = openChallenge(state);
  const { challenge } = flow;
  if (challenge.kind !== 'email' && challenge.kind !== 'sms')
    throw new DomainError(
      'conflict',
      'AUTH-challenge-not-resendable',
      'Only email and SMS codes can be sent again',
    );
  if (challenge.failedAttempts >= challenge.maxAttempts)
    throw new DomainError(
      'too_many_attempts',
      'AUTH-challenge-attempts-exhausted',
      'Too many wrong codes: sign in again',
    );
  if (challenge.resends >= OneTimeCodePolicy.maxResends)
    throw new DomainError(
      'too_many_attempts',
      'AUTH-challenge-resend-limit',
      'No more codes can be sent for this sign-in: sign in again',
    );
  return [
    {
      type: 'SignInChallengeCodeResent',
      data: {
        signinId: flow.signinId,
        accountId: flow.accountId,
        codeSha256: data.codeSha256,
        expiresAt: plusSeconds(now, OneTimeCodePolicy.lifetimeSeconds),
        resends: challenge.resends + 1,
      },
    },
  ];
}
