import { DomainError, type DomainErrorKind } from '@accounts/event-sourcing';

/** A refused command with a stable AUTH-* code; `details.field` names the input to fix. */
export function refuse(
  kind: DomainErrorKind,
  code: string,
  message: string,
  details?: DomainError['details'],
): DomainError {
  return new DomainError(kind, code, message, details);
}

/** 400 naming the field (the one in libs/event-sourcing). */
export { invalid } from '@accounts/event-sourcing';

const SIGN_IN_FAILED = 'Sign-in failed: check your user name and password, or try again later.';

/**
 * The one answer for an unknown user, a wrong password, an account not yet activated and a locked
 * account, so that none can be told apart (401; 429 with Retry-After when locked).
 */
export function signInFailed(retryAfterSeconds?: number): DomainError {
  return retryAfterSeconds === undefined
    ? refuse('unauthorized', 'AUTH-sign-in-failed', SIGN_IN_FAILED)
    : refuse('too_many_attempts', 'AUTH-sign-in-failed', SIGN_IN_FAILED, {
        retryAfterSeconds,
      });
}
