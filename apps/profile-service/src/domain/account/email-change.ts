import type { AccountEvent } from '@accounts/contracts';
import type { EmailChangeLink } from './account-commands';
import type { Account } from './account-state';

/** How long the confirmation link of a new address works. */
export const EmailChangeLinkLifetimeSeconds = 24 * 60 * 60;

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function requestEmailChange(
  account: Account,
  email: string,
  link: EmailChangeLink,
  now: Date,
): AccountEvent {
  if (!SHA256_HEX.test(link.tokenSha256))
    throw new Error('tokenSha256 must be a lowercase hex SHA-256');
  return {
    type: 'AccountEmailChangeRequested',
    data: {
      accountId: account.accountId,
      email,
      requestId: link.requestId,
      tokenSha256: link.tokenSha256,
      expiresAt: new Date(now.getTime() + EmailChangeLinkLifetimeSeconds * 1000).toISOString(),
    },
  };
}

/** Same answer time whatever the first differing character (hashes of tokens, equal lengths). */
export function sameHash(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}
