import type { AuthenticationMethod } from '../profile/authentication-methods';
import type { Change } from '../profile/event-shape';
import type { AuthenticationEventOf as EventOf } from './event-shape';

/**
 * Stream `authenticator-<accountId>`: only what changes how the account signs in. Per-sign-in facts
 * live in `signin-<id>` and `signinguard-<accountId>`, so loading this stream stays small.
 * Passwords appear only as argon2id PHC strings, TOTP secrets only encrypted, codes and tokens only
 * as lowercase hex SHA-256.
 */
interface OfAccount {
  readonly accountId: string;
}

/** First password, set with the activation link. */
export interface PasswordSetData extends OfAccount {
  readonly passwordHash: string;
}
export interface PasswordChangedData extends OfAccount {
  readonly passwordHash: string;
  /** The user asked to end their other sessions; the handler ends them. */
  readonly endOtherSessions: boolean;
}
/** Same password, hashed again because the configured argon2 parameters changed. */
export interface PasswordRehashedData extends OfAccount {
  readonly passwordHash: string;
}
export interface AuthenticationMethodChangedData extends OfAccount, Change<AuthenticationMethod> {}

/** A code (hash only) was sent to confirm an email address or a mobile phone. */
export interface ContactVerificationStartedData extends OfAccount {
  readonly channel: ContactChannel;
  /** The address or E.164 number the code went to: the one that becomes verified. */
  readonly destination: string;
  readonly codeSha256: string;
  readonly expiresAt: string;
  /** When the code was sent (absent in older events: expiresAt minus 10 minutes). */
  readonly sentAt?: string;
}
export type ContactChannel = 'email' | 'sms';
export interface ContactVerificationFailedData extends OfAccount {
  readonly channel: ContactChannel;
  readonly failedAttempts: number;
  readonly attemptsLeft: number;
  /** Absent in older events: read as the instant the pending code was sent. */
  readonly failedAt?: string;
}
export interface EmailVerifiedData extends OfAccount {
  readonly email: string;
  readonly verifiedAt: string;
}
export interface PhoneVerifiedData extends OfAccount {
  readonly mobilePhone: string;
  readonly verifiedAt: string;
}

/** A TOTP secret was generated; the method changes only when a code from it is confirmed. */
export interface AuthenticatorEnrollmentStartedData extends OfAccount {
  /** AES-256-GCM ciphertext of the base32 secret, as produced by libs/security. */
  readonly encryptedSecret: string;
  /** The authenticator method chosen (`authenticator` or `authenticator-every-time`). */
  readonly method: AuthenticationMethod;
}
export interface AuthenticatorEnrolledData extends OfAccount {
  readonly method: AuthenticationMethod;
  readonly enrolledAt: string;
}
/** An administrator cleared a lost authenticator; the method stays, the user enrolls at next sign-in. */
export interface AuthenticatorResetData extends OfAccount {
  readonly by: string;
  readonly reason: string;
}

/** A computer that passed the second factor; its token is only known as a hash. */
export interface TrustedDeviceAddedData extends OfAccount {
  readonly deviceId: string;
  readonly tokenSha256: string;
  /** e.g. "Firefox on Windows", from the user agent. */
  readonly label: string;
  readonly ip: string | null;
  readonly addedAt: string;
  readonly expiresAt: string;
}
/** `password-reset`: a reset link proves only the mailbox, so every computer asks for the second factor again. */
export type TrustedDeviceRevocationReason = 'user' | 'password-reset';
export interface TrustedDeviceRevokedData extends OfAccount {
  readonly deviceId: string;
  readonly reason: TrustedDeviceRevocationReason;
}

/**
 * A forgotten-password link was asked for. The link's token is never stored: the notifier derives it
 * from `resetId` with the data key (HMAC-SHA-256), and only its SHA-256 is here to check it.
 */
export interface PasswordResetRequestedData extends OfAccount {
  readonly resetId: string;
  readonly tokenSha256: string;
  readonly requestedAt: string;
  readonly expiresAt: string;
}
/** The password was set again with a reset link; the link is used up, every session ends. */
export interface PasswordResetData extends OfAccount {
  readonly resetId: string;
  readonly passwordHash: string;
}
/** A new set of single-use recovery codes (SHA-256 of each); the previous set stops working. */
export interface RecoveryCodesGeneratedData extends OfAccount {
  readonly setId: string;
  readonly codeSha256s: readonly string[];
  readonly generatedAt: string;
}
/** A recovery code answered a second-factor challenge; it cannot be used again. */
export interface RecoveryCodeUsedData extends OfAccount {
  readonly setId: string;
  readonly codeIndex: number;
  readonly signinId: string;
  readonly remaining: number;
}
/** The user turned an optional security notice on or off (critical notices cannot be turned off). */
export interface NoticePreferenceChangedData extends OfAccount {
  readonly notice: string;
  readonly enabled: boolean;
}

export type PasswordResetRequested = EventOf<'PasswordResetRequested', PasswordResetRequestedData>;
export type PasswordReset = EventOf<'PasswordReset', PasswordResetData>;
export type RecoveryCodesGenerated = EventOf<'RecoveryCodesGenerated', RecoveryCodesGeneratedData>;
export type RecoveryCodeUsed = EventOf<'RecoveryCodeUsed', RecoveryCodeUsedData>;
export type NoticePreferenceChanged = EventOf<
  'NoticePreferenceChanged',
  NoticePreferenceChangedData
>;

export type PasswordSet = EventOf<'PasswordSet', PasswordSetData>;
export type PasswordChanged = EventOf<'PasswordChanged', PasswordChangedData>;
export type PasswordRehashed = EventOf<'PasswordRehashed', PasswordRehashedData>;
export type AuthenticationMethodChanged = EventOf<
  'AuthenticationMethodChanged',
  AuthenticationMethodChangedData
>;
export type ContactVerificationStarted = EventOf<
  'ContactVerificationStarted',
  ContactVerificationStartedData
>;
export type ContactVerificationFailed = EventOf<
  'ContactVerificationFailed',
  ContactVerificationFailedData
>;
export type EmailVerified = EventOf<'EmailVerified', EmailVerifiedData>;
export type PhoneVerified = EventOf<'PhoneVerified', PhoneVerifiedData>;
export type AuthenticatorEnrollmentStarted = EventOf<
  'AuthenticatorEnrollmentStarted',
  AuthenticatorEnrollmentStartedData
>;
export type AuthenticatorEnrolled = EventOf<'AuthenticatorEnrolled', AuthenticatorEnrolledData>;
export type AuthenticatorReset = EventOf<'AuthenticatorReset', AuthenticatorResetData>;
export type TrustedDeviceAdded = EventOf<'TrustedDeviceAdded', TrustedDeviceAddedData>;
export type TrustedDeviceRevoked = EventOf<'TrustedDeviceRevoked', TrustedDeviceRevokedData>;

export type AuthenticatorEvent =
  | PasswordSet
  | PasswordChanged
  | PasswordRehashed
  | AuthenticationMethodChanged
  | ContactVerificationStarted
  | ContactVerificationFailed
  | EmailVerified
  | PhoneVerified
  | AuthenticatorEnrollmentStarted
  | AuthenticatorEnrolled
  | AuthenticatorReset
  | TrustedDeviceAdded
  | TrustedDeviceRevoked
  | PasswordResetRequested
  | PasswordReset
  | RecoveryCodesGenerated
  | RecoveryCodeUsed
  | NoticePreferenceChanged;
