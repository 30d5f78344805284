import type { AuthenticationEvent } from '../authentication/authentication-event-types';
import { AuthenticationPublicContracts as A } from './authentication-public';
import type {
  PublicAuthenticatorEnrolled,
  PublicAuthenticatorReset,
  PublicContactVerificationFailed,
  PublicEmailVerified,
  PublicPasswordChanged,
  PublicPhoneVerified,
  PublicSessionEnded,
  PublicSessionRefreshed,
  PublicSessionStarted,
  PublicSignInAttemptFailed,
  PublicSignInChallengeCodeFailed,
  PublicSignInChallengeCodeResent,
  PublicSignInChallengeIssued,
  PublicSignInChallengePassed,
  PublicSignInCompleted,
  PublicSignInStarted,
  PublicSignInSucceeded,
  PublicTotpCodeReplayed,
  PublicTrustedDeviceAdded,
  PublicTrustedDeviceRevoked,
} from './authentication-public-data';
import { notPublished, published, type PublicationTable } from './publication';

/**
 * auth-service's relay: internal event -> public event of accounts.authentication.v2, or why not.
 * Dropped on the way: passwordHash, encryptedSecret, codeSha256, tokenSha256, refreshTokenSha256,
 * the guard snapshot (counters, recent failures, TOTP steps), and ip/userAgent/orgId copies of the metadata.
 */
export const AuthenticationPublication: PublicationTable<AuthenticationEvent> = {
  PasswordSet: published(
    A.PasswordChanged,
    (d, e): PublicPasswordChanged => ({
      accountId: d.accountId,
      changedAt: e.occurredAt,
      by: 'activation',
      endOtherSessions: false,
    }),
  ),
  PasswordChanged: published(
    A.PasswordChanged,
    (d, e): PublicPasswordChanged => ({
      accountId: d.accountId,
      changedAt: e.occurredAt,
      by: 'user',
      endOtherSessions: d.endOtherSessions,
    }),
  ),
  PasswordResetRequested: notPublished(
    'Carries the hash of the reset link; whether an account asked for one is not for other teams (the reset itself is PasswordChanged by reset).',
  ),
  PasswordReset: published(
    A.PasswordChanged,
    (d, e): PublicPasswordChanged => ({
      accountId: d.accountId,
      changedAt: e.occurredAt,
      by: 'reset',
      endOtherSessions: true,
    }),
  ),
  RecoveryCodesGenerated: notPublished(
    'Carries the hashes of the recovery codes: credential material that never leaves the store.',
  ),
  RecoveryCodeUsed: notPublished(
    'Which code of which set answered is internal; the sign-in step it passed is SignInChallengePassed by recovery-code.',
  ),
  NoticePreferenceChanged: notPublished(
    "A personal setting of auth-service's own security notices; nothing other teams act on.",
  ),
  PasswordRehashed: notPublished(
    'Same password, hashed again after an argon2 parameter change: nothing changed for the account.',
  ),
  AuthenticationMethodChanged: published(A.AuthenticationMethodChanged, (d) => ({
    accountId: d.accountId,
    from: d.from,
    to: d.to,
  })),
  ContactVerificationStarted: published(A.ContactVerificationStarted, (d) => ({
    accountId: d.accountId,
    channel: d.channel,
    expiresAt: d.expiresAt,
  })),
  ContactVerificationFailed: published(
    A.ContactVerificationFailed,
    (d): PublicContactVerificationFailed => ({
      accountId: d.accountId,
      channel: d.channel,
      failedAttempts: d.failedAttempts,
      attemptsLeft: d.attemptsLeft,
    }),
  ),
  EmailVerified: published(
    A.EmailVerified,
    (d): PublicEmailVerified => ({
      accountId: d.accountId,
      email: d.email,
      verifiedAt: d.verifiedAt,
    }),
  ),
  PhoneVerified: published(
    A.PhoneVerified,
    (d): PublicPhoneVerified => ({
      accountId: d.accountId,
      mobilePhone: d.mobilePhone,
      verifiedAt: d.verifiedAt,
    }),
  ),
  AuthenticatorEnrollmentStarted: published(A.AuthenticatorEnrollmentStarted, (d) => ({
    accountId: d.accountId,
    method: d.method,
  })),
  AuthenticatorEnrolled: published(
    A.AuthenticatorEnrolled,
    (d): PublicAuthenticatorEnrolled => ({
      accountId: d.accountId,
      method: d.method,
      enrolledAt: d.enrolledAt,
    }),
  ),
  // `by` (the administrator) is metadata.actor: said once.
  AuthenticatorReset: published(
    A.AuthenticatorReset,
    (d): PublicAuthenticatorReset => ({
      accountId: d.accountId,
      reason: d.reason,
    }),
  ),
  TrustedDeviceAdded: published(
    A.TrustedDeviceAdded,
    (d): PublicTrustedDeviceAdded => ({
      accountId: d.accountId,
      deviceId: d.deviceId,
      label: d.label,
      addedAt: d.addedAt,
      expiresAt: d.expiresAt,
    }),
  ),
  TrustedDeviceRevoked: published(
    A.TrustedDeviceRevoked,
    (d): PublicTrustedDeviceRevoked => ({
      accountId: d.accountId,
      deviceId: d.deviceId,
      reason: d.reason,
    }),
  ),
  SignInStarted: published(
    A.SignInStarted,
    (d): PublicSignInStarted => ({
      accountId: d.accountId,
      signinId: d.signinId,
      method: d.method,
      trustedDeviceId: d.trustedDeviceId,
      startedAt: d.startedAt,
    }),
  ),
  SignInChallengeIssued: published(
    A.SignInChallengeIssued,
    (d): PublicSignInChallengeIssued => ({
      accountId: d.accountId,
      signinId: d.signinId,
      challenge: d.challenge,
      reason: d.reason,
      sentTo: d.sentTo,
      issuedAt: d.issuedAt,
      expiresAt: d.expiresAt,
      maxAttempts: d.maxAttempts,
    }),
  ),
  SignInChallengeCodeResent: published(
    A.SignInChallengeCodeResent,
    (d): PublicSignInChallengeCodeResent => ({
      accountId: d.accountId,
      signinId: d.signinId,
      expiresAt: d.expiresAt,
      resends: d.resends,
    }),
  ),
  SignInChallengeCodeFailed: published(
    A.SignInChallengeCodeFailed,
    (d): PublicSignInChallengeCodeFailed => ({
      accountId: d.accountId,
      signinId: d.signinId,
      reason: d.reason,
      failedAttempts: d.failedAttempts,
      attemptsLeft: d.attemptsLeft,
    }),
  ),
  SignInChallengePassed: published(
    A.SignInChallengePassed,
    (d): PublicSignInChallengePassed => ({
      accountId: d.accountId,
      signinId: d.signinId,
      factor: d.factor,
      by: d.by,
    }),
  ),
  SignInCompleted: published(
    A.SignInCompleted,
    (d): PublicSignInCompleted => ({
      accountId: d.accountId,
      signinId: d.signinId,
      sessionId: d.sessionId,
      amr: [...d.amr],
      trustedDeviceId: d.trustedDeviceId,
      newTrustedDeviceId: d.newTrustedDeviceId,
    }),
  ),
  SignInAttemptFailed: published(
    A.SignInAttemptFailed,
    (d): PublicSignInAttemptFailed => ({
      accountId: d.accountId,
      signinId: d.signinId,
      factor: d.factor,
      failedAt: d.failedAt,
      lockedUntil: d.guard.lockedUntil,
    }),
  ),
  SignInSucceeded: published(
    A.SignInSucceeded,
    (d): PublicSignInSucceeded => ({
      accountId: d.accountId,
      signinId: d.signinId,
      succeededAt: d.succeededAt,
    }),
  ),
  TotpCodeAccepted: notPublished(
    'Replay protection of the sign-in guard (TOTP time steps); SignInChallengePassed is the fact.',
  ),
  TotpCodeReplayed: published(
    A.TotpCodeReplayed,
    (d): PublicTotpCodeReplayed => ({
      accountId: d.accountId,
      signinId: d.signinId,
      failedAt: d.failedAt,
    }),
  ),
  SessionStarted: published(
    A.SessionStarted,
    (d): PublicSessionStarted => ({
      accountId: d.accountId,
      sessionId: d.sessionId,
      orgId: d.orgId,
      signinId: d.signinId,
      amr: [...d.amr],
      idleTimeoutSeconds: d.idleTimeoutSeconds,
      startedAt: d.startedAt,
      absoluteExpiresAt: d.absoluteExpiresAt,
    }),
  ),
  SessionRefreshed: published(
    A.SessionRefreshed,
    (d): PublicSessionRefreshed => ({
      accountId: d.accountId,
      sessionId: d.sessionId,
      refreshedAt: d.refreshedAt,
      idleTimeoutSeconds: d.idleTimeoutSeconds,
    }),
  ),
  SessionEnded: published(
    A.SessionEnded,
    (d): PublicSessionEnded => ({
      accountId: d.accountId,
      sessionId: d.sessionId,
      reason: d.reason,
      endedAt: d.endedAt,
    }),
  ),
};
