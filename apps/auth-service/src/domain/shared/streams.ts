import { AuthenticationStreamPrefixes as Prefix } from '@accounts/contracts';

/** Stream names of auth-service (DESIGN.md); no prefix is a prefix of another. */
export const authenticatorStreamId = (accountId: string): string =>
  `${Prefix.authenticator}${accountId}`;

export const signInStreamId = (signinId: string): string => `${Prefix.signIn}${signinId}`;

/** Read it backwards, one event: each event carries the whole guard state. */
export const signInGuardStreamId = (accountId: string): string =>
  `${Prefix.signInGuard}${accountId}`;

export const sessionStreamId = (sessionId: string): string => `${Prefix.session}${sessionId}`;
