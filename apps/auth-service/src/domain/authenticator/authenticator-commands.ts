import type { ContactChannel, SecondFactor } from '@accounts/contracts';
import type { Message } from '@accounts/event-sourcing';
import type { Argon2Parameters } from '../values/argon2-parameters';
import type { PasswordPolicyFacts } from '../values/password-policy';
import type { ContactFacts } from './authenticator-queries';

/**
 * Commands of the `authenticator-<accountId>` stream. Clear passwords appear in commands only so
 * that the rules can compare them; they never reach an event. Hashes are computed by the handler.
 */
interface OfAccount {
  readonly accountId: string;
}

/** The organization's settings, from the profile read model. */
export interface OrganizationFacts {
  readonly twoFactorRequired: boolean;
  readonly allowedSecondFactors: readonly SecondFactor[];
}

/** The caller as known from the organization's administrator set (not a token claim). */
export interface ActorFacts {
  readonly accountId: string;
  readonly orgId: string;
  readonly isAdministrator: boolean;
}

/** POST /auth/activate. `activation` comes from AccountRegistered, found by the token's hash. */
export type Activate = Message<
  'Activate',
  OfAccount & {
    readonly activation: {
      readonly tokenSha256: string;
      readonly expiresAt: string;
    };
    readonly presentedTokenSha256: string;
    readonly password: string;
    /** argon2id PHC string of `password`. */
    readonly passwordHash: string;
    readonly passwordPolicy: PasswordPolicyFacts;
  }
>;

/** PUT /auth/me/password. */
export type ChangePassword = Message<
  'ChangePassword',
  OfAccount & {
    readonly currentPassword: string;
    /** argon2 verification of `currentPassword` against the stored hash, done by the handler. */
    readonly currentPasswordVerified: boolean;
    readonly newPassword: string;
    readonly repeatPassword: string;
    readonly newPasswordHash: string;
    readonly passwordPolicy: PasswordPolicyFacts;
    /** The handler ends the account's other sessions when true. */
    readonly endOtherSessions: boolean;
  }
>;

/** After a verified password whose hash was made with other parameters than `configured`. */
export type RehashPassword = Message<
  'RehashPassword',
  OfAccount & {
    readonly passwordVerified: boolean;
    /** The stored hash the password was verified against: nothing happens if it changed since. */
    readonly verifiedPasswordHash: string;
    readonly passwordHash: string;
    readonly configured: Argon2Parameters;
  }
>;

/** PUT /auth/me/method. */
export type ChangeMethod = Message<
  'ChangeMethod',
  OfAccount & {
    /** Raw input, validated here. */
    readonly method: unknown;
    readonly organization: OrganizationFacts;
    readonly contacts: ContactFacts;
    /** A new encrypted TOTP secret, needed when an authenticator method is chosen and none is enrolled. */
    readonly newTotpSecret: string | null;
  }
>;

/** POST /auth/me/authenticator/confirm: the handler checked the code against the pending secret. */
export type ConfirmAuthenticator = Message<
  'ConfirmAuthenticator',
  OfAccount & { readonly totpValid: boolean }
>;

/** POST /auth/accounts/:id/authenticator/reset. */
export type ResetAuthenticator = Message<
  'ResetAuthenticator',
  OfAccount & {
    readonly actor: ActorFacts;
    /** The organization of the account being reset (profile read model). */
    readonly accountOrgId: string;
    readonly reason: unknown;
  }
>;

/** Sends a code to prove the profile's email or mobile phone (the handler sends the code). */
export type StartContactVerification = Message<
  'StartContactVerification',
  OfAccount & {
    readonly channel: ContactChannel;
    readonly contacts: ContactFacts;
    readonly codeSha256: string;
  }
>;

export type ConfirmContactVerification = Message<
  'ConfirmContactVerification',
  OfAccount & {
    readonly channel: ContactChannel;
    readonly contacts: ContactFacts;
    readonly codeSha256: string;
  }
>;

/**
 * profile-service changed the address after its owner used the link mailed to it (AccountEmailChanged
 * with a requestId): the address is proven, like a code sent to it, so email codes follow it.
 */
export type RecordProvenEmail = Message<
  'RecordProvenEmail',
  OfAccount & { readonly email: string; readonly provenAt: string }
>;

/** After a second factor passed on an unrecognized computer, for a method that trusts computers. */
export type AddTrustedDevice = Message<
  'AddTrustedDevice',
  OfAccount & {
    readonly deviceId: string;
    readonly tokenSha256: string;
    readonly userAgent: string | null;
    readonly ip: string | null;
    /** Defaults to 30 days. */
    readonly lifetimeSeconds?: number;
  }
>;

/** DELETE /auth/me/trusted-devices/:id: the handler loads the caller's own authenticator. */
export type RevokeTrustedDevice = Message<
  'RevokeTrustedDevice',
  OfAccount & { readonly deviceId: string }
>;

/** POST /auth/password-reset: the handler made the link's token and hashed it. */
export type RequestPasswordReset = Message<
  'RequestPasswordReset',
  OfAccount & {
    readonly resetId: string;
    readonly tokenSha256: string;
  }
>;

/** POST /auth/password-reset/confirm: the account comes from the token, checked here by its hash. */
export type ResetPassword = Message<
  'ResetPassword',
  OfAccount & {
    readonly presentedTokenSha256: string;
    readonly newPassword: string;
    readonly repeatPassword: string;
    readonly newPasswordHash: string;
    readonly passwordPolicy: PasswordPolicyFacts;
  }
>;

/** A new set of recovery codes (the handler made them and shows them once). */
export type GenerateRecoveryCodes = Message<
  'GenerateRecoveryCodes',
  OfAccount & {
    readonly setId: string;
    readonly codeSha256s: readonly string[];
    /** The caller signed in recently (or is enrolling a second factor right now). */
    readonly recentSignIn: boolean;
  }
>;

/** A recovery code presented to a sign-in challenge. */
export type UseRecoveryCode = Message<
  'UseRecoveryCode',
  OfAccount & {
    readonly signinId: string;
    readonly codeSha256: string;
  }
>;

/** PUT /auth/me/notices/:notice. */
export type ChangeNoticePreference = Message<
  'ChangeNoticePreference',
  OfAccount & {
    readonly notice: unknown;
    readonly enabled: unknown;
  }
>;

export type AuthenticatorCommand =
  | Activate
  | ChangePassword
  | RehashPassword
  | ChangeMethod
  | ConfirmAuthenticator
  | ResetAuthenticator
  | StartContactVerification
  | ConfirmContactVerification
  | RecordProvenEmail
  | AddTrustedDevice
  | RevokeTrustedDevice
  | RequestPasswordReset
  | ResetPassword
  | GenerateRecoveryCodes
  | UseRecoveryCode
  | ChangeNoticePreference;
