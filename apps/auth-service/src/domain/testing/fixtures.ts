import type { AuthenticationMethod, AuthenticatorEvent } from '@accounts/contracts';
import { authenticatorDecider } from '../authenticator/authenticator-decider';
import type { ContactFacts } from '../authenticator/authenticator-queries';
import type { AuthenticatorState } from '../authenticator/authenticator-state';
import type { OrganizationFacts } from '../authenticator/authenticator-commands';
import type { SignInAccountFacts } from '../sign-in/sign-in-commands';
import { commonPasswordList } from '../values/password-policy';

/** Shared given-data for the auth domain specs. */
export const ACCOUNT = 'acc-jane';
export const ORG = 'org-1';
export const NOW = new Date('2026-01-01T00:00:00.000Z');
export const EMAIL = 'jane@example.com';
export const PHONE = '+33612345689';

/** A fake lowercase-hex SHA-256 made of one repeated character: readable in failures. */
export const sha = (c: string): string => c.repeat(64);

export const at = (secondsAfterNow: number): Date =>
  new Date(NOW.getTime() + secondsAfterNow * 1000);
export const iso = (secondsAfterNow: number): string => at(secondsAfterNow).toISOString();

export const PHC_CURRENT = '$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2g';
export const PHC_NEW = '$argon2id$v=19$m=65536,t=3,p=4$bmV3c2FsdA$bmV3aGFzaA';
export const PHC_OLD_PARAMS = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g';
export const CONFIGURED = { memoryCost: 65536, timeCost: 3, parallelism: 4 };

export const passwordPolicy = {
  userName: 'jane',
  isCommonPassword: commonPasswordList(['correcthorsebatterystaple', 'password1234']),
};

export const contacts: ContactFacts = { email: EMAIL, mobilePhone: PHONE };
export const enabledAccount: SignInAccountFacts = {
  enabled: true,
  ...contacts,
};
export const openOrg: OrganizationFacts = {
  twoFactorRequired: false,
  allowedSecondFactors: ['email', 'sms', 'authenticator'],
};

export const passwordSet: AuthenticatorEvent = {
  type: 'PasswordSet',
  data: { accountId: ACCOUNT, passwordHash: PHC_CURRENT },
};
export const emailVerified = (verifiedAt = iso(-3600), email = EMAIL): AuthenticatorEvent => ({
  type: 'EmailVerified',
  data: { accountId: ACCOUNT, email, verifiedAt },
});
export const phoneVerified = (
  verifiedAt = iso(-3600),
  mobilePhone = PHONE,
): AuthenticatorEvent => ({
  type: 'PhoneVerified',
  data: { accountId: ACCOUNT, mobilePhone, verifiedAt },
});
export const enrollmentStarted = (
  method: AuthenticationMethod = 'authenticator',
): AuthenticatorEvent => ({
  type: 'AuthenticatorEnrollmentStarted',
  data: { accountId: ACCOUNT, encryptedSecret: 'v1.iv.ciphertext.tag', method },
});
export const enrolled = (
  method: AuthenticationMethod = 'authenticator',
  enrolledAt = iso(-3600),
): AuthenticatorEvent => ({
  type: 'AuthenticatorEnrolled',
  data: { accountId: ACCOUNT, method, enrolledAt },
});
export const methodChanged = (
  from: AuthenticationMethod,
  to: AuthenticationMethod,
): AuthenticatorEvent => ({
  type: 'AuthenticationMethodChanged',
  data: { accountId: ACCOUNT, from, to },
});
export const trustedDeviceAdded = (
  deviceId = 'dev-1',
  tokenSha256 = sha('d'),
  expiresAt = iso(86400),
): AuthenticatorEvent => ({
  type: 'TrustedDeviceAdded',
  data: {
    accountId: ACCOUNT,
    deviceId,
    tokenSha256,
    label: 'Firefox on Windows',
    ip: '203.0.113.7',
    addedAt: iso(-60),
    expiresAt,
  },
});

/** The events that give an activated account the method, with its factor set up. */
export function historyFor(method: AuthenticationMethod): AuthenticatorEvent[] {
  const factorSetup: Record<AuthenticationMethod, AuthenticatorEvent[]> = {
    password: [],
    email: [emailVerified()],
    'email-every-time': [emailVerified()],
    sms: [phoneVerified()],
    'sms-every-time': [phoneVerified()],
    authenticator: [enrollmentStarted(method), enrolled(method)],
    'authenticator-every-time': [enrollmentStarted(method), enrolled(method)],
  };
  if (method === 'password') return [passwordSet];
  return [passwordSet, ...factorSetup[method], methodChanged('password', method)];
}

export const authenticatorOf = (events: readonly AuthenticatorEvent[]): AuthenticatorState =>
  events.reduce(authenticatorDecider.evolve, authenticatorDecider.initialState());
