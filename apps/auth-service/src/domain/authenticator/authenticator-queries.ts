import type { ContactChannel } from '@accounts/contracts';
import { reached } from '../shared/time';
import type { AuthenticatorState, TrustedDevice } from './authenticator-state';

/** The profile's current contact values (read model of profile events), for code delivery and checks. */
export interface ContactFacts {
  readonly email: string;
  /** E.164, or null when the profile has no mobile phone. */
  readonly mobilePhone: string | null;
}

/** Where a code of this channel goes now, or null (no mobile phone). */
export const destinationOf = (channel: ContactChannel, contacts: ContactFacts): string | null =>
  channel === 'email' ? contacts.email : contacts.mobilePhone;

/**
 * True when the profile's current value for the channel is the one proved by a code: a changed
 * email or phone in the profile is no longer verified.
 */
export function isContactVerified(
  state: AuthenticatorState,
  channel: ContactChannel,
  contacts: ContactFacts,
): boolean {
  const verified = channel === 'email' ? state.verifiedEmail : state.verifiedPhone;
  const current = destinationOf(channel, contacts);
  return verified !== null && current !== null && verified.value === current;
}

/** Devices that still skip the second factor (GET /auth/me/trusted-devices). */
export const activeTrustedDevices = (state: AuthenticatorState, now: Date): TrustedDevice[] =>
  state.trustedDevices.filter((device) => !device.revoked && !reached(now, device.expiresAt));

/**
 * The trusted device whose token (as SHA-256) was presented, if it belongs to THIS account and is
 * neither revoked nor expired; else null.
 */
export function matchTrustedDevice(
  state: AuthenticatorState,
  tokenSha256: string | null,
  now: Date,
): TrustedDevice | null {
  if (!tokenSha256) return null;
  return (
    activeTrustedDevices(state, now).find((device) => device.tokenSha256 === tokenSha256) ?? null
  );
}
