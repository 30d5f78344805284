import type { AccountRegisteredData } from '@accounts/contracts';

/** How long the activation link of a new account works. */
export const ActivationTokenLifetimeSeconds = 72 * 60 * 60;

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** The hash and expiry recorded in AccountRegistered; the token itself never reaches an event. */
export function activationOf(
  tokenSha256: string,
  now: Date,
  linkId?: string,
): AccountRegisteredData['activation'] {
  // A programming error, not bad user input: the handler computes the hash.
  if (!SHA256_HEX.test(tokenSha256))
    throw new Error('activationTokenSha256 must be a lowercase hex SHA-256');
  return {
    tokenSha256,
    expiresAt: new Date(now.getTime() + ActivationTokenLifetimeSeconds * 1000).toISOString(),
    ...(linkId !== undefined && { linkId }),
  };
}
