import type { AuthenticationEvent } from '@accounts/contracts';
import { DomainError, invalid } from '@accounts/event-sourcing';
import { signInFailed } from '../shared/sign-in-failed';

/**
 * Some refusals must still be recorded (a wrong code counts, a reused refresh token ends the
 * session): the decider returns events and the handler, AFTER appending them, answers with the
 * refusal they mean. Null when the events are a success. The most precise event wins.
 */
export function refusalOf(events: readonly AuthenticationEvent[]): DomainError | null {
  for (const event of events) {
    if (event.type === 'SignInChallengeCodeFailed') {
      const { reason, attemptsLeft } = event.data;
      return reason === 'replayed' ? codeReplayed(attemptsLeft) : codeWrong(attemptsLeft);
    }
  }
  for (const event of events) {
    switch (event.type) {
      case 'TotpCodeReplayed':
        return codeReplayed();
      case 'SignInAttemptFailed':
        return event.data.factor === 'password' ? signInFailed() : codeWrong();
      case 'ContactVerificationFailed': {
        const error = invalid(
          'code',
          'AUTH-verification-code-wrong',
          'code is not the one we sent',
        );
        return withDetails(error, { attemptsLeft: event.data.attemptsLeft });
      }
      case 'SessionEnded':
        if (['logout', 'revoked', 'password-changed', 'password-reset'].includes(event.data.reason))
          break;
        return new DomainError(
          'unauthorized',
          'AUTH-session-ended',
          'Your session has ended: sign in again',
          {
            reason: event.data.reason,
          },
        );
    }
  }
  return null;
}

const left = (attemptsLeft?: number) => (attemptsLeft === undefined ? {} : { attemptsLeft });

const codeWrong = (attemptsLeft?: number) =>
  new DomainError(
    'unauthorized',
    'AUTH-challenge-code-wrong',
    'This code is not right: check it and try again',
    left(attemptsLeft),
  );

const codeReplayed = (attemptsLeft?: number) =>
  new DomainError(
    'unauthorized',
    'AUTH-challenge-code-replayed',
    'This code was already used: wait for your authenticator app to show a new one',
    left(attemptsLeft),
  );

const withDetails = (error: DomainError, details: Record<string, unknown>) =>
  new DomainError(error.kind, error.code, error.message, {
    ...error.details,
    ...details,
  });

/** The guard's judgement of an authenticator code, to pass to AnswerChallenge as `verdict`. */
export function totpVerdictOf(
  guardEvents: readonly AuthenticationEvent[],
): 'accepted' | 'wrong' | 'replayed' {
  if (guardEvents.some((e) => e.type === 'TotpCodeAccepted')) return 'accepted';
  if (guardEvents.some((e) => e.type === 'TotpCodeReplayed')) return 'replayed';
  return 'wrong';
}
