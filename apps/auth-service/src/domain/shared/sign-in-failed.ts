import { DomainError } from '@accounts/event-sourcing';

// Refusals are built as in the other services: `invalid()` / `notFound()` from libs/event-sourcing,
// `new DomainError(kind, code, ...)` for the other kinds; only the answer below is auth's own.

const SIGN_IN_FAILED = 'Sign-in failed: check your user name and password, or try again later.';

/**
 * The one answer for an unknown user, a wrong password, an account not yet activated and a locked
 * account, so that none can be told apart (401; 429 with Retry-After when locked).
 */
export function signInFailed(retryAfterSeconds?: number): DomainError {
  return retryAfterSeconds === undefined
    ? new DomainError('unauthorized', 'AUTH-sign-in-failed', SIGN_IN_FAILED)
    : new DomainError('too_many_attempts', 'AUTH-sign-in-failed', SIGN_IN_FAILED, {
        retryAfterSeconds,
      });
}
