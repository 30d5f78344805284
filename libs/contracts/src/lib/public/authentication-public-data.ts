import type {
  ChallengeFailure,
  ChallengeKind,
  EnrollmentReason,
} from '../authentication/sign-in-events';
import type { SessionEndReason } from '../authentication/session-events';
import type { SignInFailureFactor } from '../authentication/sign-in-guard-events';
import type {
  ContactChannel,
  TrustedDeviceRevocationReason,
} from '../authentication/authenticator-events';
import type { AuthenticationMethod } from '../profile/authentication-methods';
import type { SecondFactor } from '../profile/second-factors';

/** `data` of the public events of accounts.authentication.v2 (v1 of each), for TypeScript consumers. */
interface OfAccount {
  readonly accountId: string;
}
interface OfSignIn extends OfAccount {
  readonly signinId: string;
}
interface OfSession extends OfAccount {
  readonly sessionId: string;
}

export interface PublicPasswordChanged extends OfAccount {
  readonly changedAt: string;
  readonly by: 'activation' | 'user' | 'reset';
  readonly endOtherSessions: boolean;
}
export interface PublicAuthenticationMethodChanged extends OfAccount {
  readonly from: AuthenticationMethod;
  readonly to: AuthenticationMethod;
}
export interface PublicContactVerificationStarted extends OfAccount {
  readonly channel: ContactChannel;
  readonly expiresAt: string;
}
export interface PublicContactVerificationFailed extends OfAccount {
  readonly channel: ContactChannel;
  readonly failedAttempts: number;
  readonly attemptsLeft: number;
}
export interface PublicEmailVerified extends OfAccount {
  readonly email: string;
  readonly verifiedAt: string;
}
export interface PublicPhoneVerified extends OfAccount {
  readonly mobilePhone: string;
  readonly verifiedAt: string;
}
export interface PublicAuthenticatorEnrollmentStarted extends OfAccount {
  readonly method: AuthenticationMethod;
}
export interface PublicAuthenticatorEnrolled extends OfAccount {
  readonly method: AuthenticationMethod;
  readonly enrolledAt: string;
}
export interface PublicAuthenticatorReset extends OfAccount {
  readonly reason: string;
}
export interface PublicTrustedDeviceAdded extends OfAccount {
  readonly deviceId: string;
  readonly label: string;
  readonly addedAt: string;
  readonly expiresAt: string;
}
export interface PublicTrustedDeviceRevoked extends OfAccount {
  readonly deviceId: string;
  readonly reason: TrustedDeviceRevocationReason;
}
export interface PublicSignInStarted extends OfSignIn {
  readonly method: AuthenticationMethod;
  readonly trustedDeviceId: string | null;
  readonly startedAt: string;
}
export interface PublicSignInChallengeIssued extends OfSignIn {
  readonly challenge: ChallengeKind;
  readonly reason: EnrollmentReason | null;
  readonly sentTo: string | null;
  readonly issuedAt: string;
  readonly expiresAt: string;
  readonly maxAttempts: number;
}
export interface PublicSignInChallengeCodeResent extends OfSignIn {
  readonly expiresAt: string;
  readonly resends: number;
}
export interface PublicSignInChallengeCodeFailed extends OfSignIn {
  readonly reason: ChallengeFailure;
  readonly failedAttempts: number;
  readonly attemptsLeft: number;
}
export interface PublicSignInChallengePassed extends OfSignIn {
  readonly factor: SecondFactor;
  readonly by: 'code' | 'enrollment' | 'recovery-code';
}
export interface PublicSignInCompleted extends OfSignIn {
  readonly sessionId: string;
  readonly amr: readonly string[];
  readonly trustedDeviceId: string | null;
  readonly newTrustedDeviceId: string | null;
}
export interface PublicSignInAttemptFailed extends OfAccount {
  readonly signinId: string | null;
  readonly factor: SignInFailureFactor;
  readonly failedAt: string;
  readonly lockedUntil: string | null;
}
export interface PublicSignInSucceeded extends OfAccount {
  readonly signinId: string | null;
  readonly succeededAt: string;
}
export interface PublicTotpCodeReplayed extends OfAccount {
  readonly signinId: string | null;
  readonly failedAt: string;
}
export interface PublicSessionStarted extends OfSession {
  readonly orgId: string;
  readonly signinId: string;
  readonly amr: readonly string[];
  readonly idleTimeoutSeconds: number | null;
  readonly startedAt: string;
  readonly absoluteExpiresAt: string;
}
export interface PublicSessionRefreshed extends OfSession {
  readonly refreshedAt: string;
  readonly idleTimeoutSeconds: number | null;
}
export interface PublicSessionEnded extends OfSession {
  readonly reason: SessionEndReason;
  readonly endedAt: string;
}
