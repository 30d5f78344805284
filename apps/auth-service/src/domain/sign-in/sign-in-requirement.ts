import {
  asksEveryTime,
  type EnrollmentReason,
  type SecondFactor,
  secondFactorOf,
} from '@accounts/contracts';
import { type ContactFacts, isContactVerified } from '../authenticator/authenticator-queries';
import type { AuthenticatorState } from '../authenticator/authenticator-state';

/** What a verified password leads to. */
export type SignInRequirement =
  | { readonly kind: 'none' }
  | { readonly kind: 'trusted-device'; readonly deviceId: string }
  | { readonly kind: 'challenge'; readonly factor: SecondFactor }
  | { readonly kind: 'enroll'; readonly reason: EnrollmentReason };

/** Why the account's second factor cannot be used as it is, or null when it can. */
export function unusableFactorReason(
  authenticator: AuthenticatorState,
  factor: SecondFactor,
  contacts: ContactFacts,
): EnrollmentReason | null {
  if (factor === 'authenticator') return authenticator.totp ? null : 'authenticator-not-enrolled';
  if (factor === 'email')
    return isContactVerified(authenticator, 'email', contacts) ? null : 'email-not-verified';
  return isContactVerified(authenticator, 'sms', contacts) ? null : 'phone-not-verified';
}

/**
 * The rules of the seven methods. A second factor that cannot be used (authenticator reset by an
 * administrator, email or phone changed since verified) is set up again first, even on a trusted
 * computer; a trusted computer skips the factor only for methods that are not "every time".
 */
export function signInRequirement(
  authenticator: AuthenticatorState,
  contacts: ContactFacts,
  organization: { readonly twoFactorRequired: boolean },
  trustedDeviceId: string | null,
): SignInRequirement {
  const { method } = authenticator;
  const factor = secondFactorOf(method);
  if (factor === null)
    return organization.twoFactorRequired
      ? { kind: 'enroll', reason: 'organization-requires-two-factor' }
      : { kind: 'none' };
  const unusable = unusableFactorReason(authenticator, factor, contacts);
  if (unusable) return { kind: 'enroll', reason: unusable };
  if (trustedDeviceId !== null && !asksEveryTime(method))
    return { kind: 'trusted-device', deviceId: trustedDeviceId };
  return { kind: 'challenge', factor };
}

/** When the factor was last proved by the user (verified, enrolled), or null. */
export function factorProvedAt(
  authenticator: AuthenticatorState,
  factor: SecondFactor,
): string | null {
  if (factor === 'authenticator') return authenticator.totp?.enrolledAt ?? null;
  if (factor === 'email') return authenticator.verifiedEmail?.at ?? null;
  return authenticator.verifiedPhone?.at ?? null;
}
