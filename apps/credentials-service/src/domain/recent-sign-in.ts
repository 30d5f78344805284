import { DomainError } from '@accounts/event-sourcing';
import type { CredentialActor, CredentialPolicy } from './credential-actor';

export const RECENT_SIGN_IN_REQUIRED = 'CREDENTIALS-recent-sign-in-required';

/**
 * Creating a secret is what an attacker holding a stolen session would do first, so it needs a
 * fresh sign-in (step-up), not just a valid access token.
 */
export function requireRecentSignIn(
  actor: Pick<CredentialActor, 'authTime'>,
  policy: Pick<CredentialPolicy, 'recentSignInSeconds'>,
  now: Date,
): void {
  const ageSeconds = now.getTime() / 1000 - actor.authTime;
  if (ageSeconds > policy.recentSignInSeconds) {
    const minutes = Math.round(policy.recentSignInSeconds / 60);
    throw new DomainError(
      'unauthorized',
      RECENT_SIGN_IN_REQUIRED,
      `Sign in again: generating an API secret requires a sign-in from the last ${minutes} minutes`,
      { maxAgeSeconds: policy.recentSignInSeconds },
    );
  }
}
