import type { AuthenticatorState } from '../authenticator/authenticator-state';

/**
 * Where email codes go: the last address proved by a code. A changed profile address takes over
 * only once it is confirmed (POST /auth/me/verification/email), so a mistyped or hijacked change
 * cannot lock the owner out or divert their codes.
 */
export const emailForCodes = (authenticator: AuthenticatorState, profileEmail: string): string =>
  authenticator.verifiedEmail?.value ?? profileEmail;
