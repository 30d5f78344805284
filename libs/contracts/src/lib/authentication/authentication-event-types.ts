import type { AuthenticatorEvent } from './authenticator-events';
import type { SessionEvent } from './session-events';
import type { SignInEvent } from './sign-in-events';
import type { SignInGuardEvent } from './sign-in-guard-events';

/** Every event auth-service publishes on Topics.authentication (key = accountId, in every payload). */
export type AuthenticationEvent =
  | AuthenticatorEvent
  | SignInEvent
  | SignInGuardEvent
  | SessionEvent;
export type AuthenticationEventType = AuthenticationEvent['type'];

/** Stream id prefixes of auth-service, for subscriptions filtered by `streamPrefixes`. */
export const AuthenticationStreamPrefixes = {
  authenticator: 'authenticator-',
  signIn: 'signin-',
  signInGuard: 'signinguard-',
  session: 'session-',
} as const;

/** Event type names, for `switch (envelope.type)` in consumers without string typos. */
export const AuthenticationEventTypes = {
  PasswordSet: 'PasswordSet',
  PasswordChanged: 'PasswordChanged',
  PasswordRehashed: 'PasswordRehashed',
  AuthenticationMethodChanged: 'AuthenticationMethodChanged',
  ContactVerificationStarted: 'ContactVerificationStarted',
  ContactVerificationFailed: 'ContactVerificationFailed',
  EmailVerified: 'EmailVerified',
  PhoneVerified: 'PhoneVerified',
  AuthenticatorEnrollmentStarted: 'AuthenticatorEnrollmentStarted',
  AuthenticatorEnrolled: 'AuthenticatorEnrolled',
  AuthenticatorReset: 'AuthenticatorReset',
  TrustedDeviceAdded: 'TrustedDeviceAdded',
  TrustedDeviceRevoked: 'TrustedDeviceRevoked',
  PasswordResetRequested: 'PasswordResetRequested',
  PasswordReset: 'PasswordReset',
  RecoveryCodesGenerated: 'RecoveryCodesGenerated',
  RecoveryCodeUsed: 'RecoveryCodeUsed',
  NoticePreferenceChanged: 'NoticePreferenceChanged',
  SignInStarted: 'SignInStarted',
  SignInChallengeIssued: 'SignInChallengeIssued',
  SignInChallengeCodeResent: 'SignInChallengeCodeResent',
  SignInChallengeCodeFailed: 'SignInChallengeCodeFailed',
  SignInChallengePassed: 'SignInChallengePassed',
  SignInCompleted: 'SignInCompleted',
  SignInAttemptFailed: 'SignInAttemptFailed',
  SignInSucceeded: 'SignInSucceeded',
  TotpCodeAccepted: 'TotpCodeAccepted',
  TotpCodeReplayed: 'TotpCodeReplayed',
  SessionStarted: 'SessionStarted',
  SessionRefreshed: 'SessionRefreshed',
  SessionEnded: 'SessionEnded',
} as const satisfies { [T in AuthenticationEventType]: T };

/** Current schemaVersion written in the envelope of each type; bump it and add an upcaster on change. */
export const AuthenticationEventSchemaVersions: {
  readonly [T in AuthenticationEventType]: number;
} = {
  PasswordSet: 1,
  PasswordChanged: 1,
  PasswordRehashed: 1,
  AuthenticationMethodChanged: 1,
  ContactVerificationStarted: 1,
  ContactVerificationFailed: 1,
  EmailVerified: 1,
  PhoneVerified: 1,
  AuthenticatorEnrollmentStarted: 1,
  AuthenticatorEnrolled: 1,
  AuthenticatorReset: 1,
  TrustedDeviceAdded: 1,
  TrustedDeviceRevoked: 1,
  PasswordResetRequested: 1,
  PasswordReset: 1,
  RecoveryCodesGenerated: 1,
  RecoveryCodeUsed: 1,
  NoticePreferenceChanged: 1,
  SignInStarted: 1,
  SignInChallengeIssued: 1,
  SignInChallengeCodeResent: 1,
  SignInChallengeCodeFailed: 1,
  SignInChallengePassed: 1,
  SignInCompleted: 1,
  SignInAttemptFailed: 1,
  SignInSucceeded: 1,
  TotpCodeAccepted: 1,
  TotpCodeReplayed: 1,
  SessionStarted: 1,
  SessionRefreshed: 1,
  SessionEnded: 1,
};

/** True for a type name this version of the contracts knows (consumers skip unknown types). */
export function isAuthenticationEventType(type: string): type is AuthenticationEventType {
  return Object.prototype.hasOwnProperty.call(AuthenticationEventTypes, type);
}
