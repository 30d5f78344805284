import type { AuthenticationMethod } from '../profile/authentication-methods';
import type { SecondFactor } from '../profile/second-factors';
import type { AuthenticationEventOf as EventOf } from './event-shape';

/**
 * Stream `signin-<signinId>`: one sign-in flow, from a verified password to issued tokens.
 * Failed passwords never start a flow: they are counted in `signinguard-<accountId>`.
 */
interface OfSignIn {
  readonly signinId: string;
  readonly accountId: string;
}

/** What the second step asks for: a code by a factor, or setting up a second factor first. */
export type ChallengeKind = SecondFactor | 'enroll-second-factor';

/** Why a sign-in must set up a second factor before it gets tokens. */
export type EnrollmentReason =
  | 'organization-requires-two-factor'
  | 'authenticator-not-enrolled'
  | 'email-not-verified'
  | 'phone-not-verified';

export interface SignInStartedData extends OfSignIn {
  /** The account's method when the password was verified. */
  readonly method: AuthenticationMethod;
  /** The valid trusted device presented, or null (unrecognized computer). */
  readonly trustedDeviceId: string | null;
  readonly ip: string | null;
  readonly userAgent: string | null;
  readonly startedAt: string;
}
export interface SignInChallengeIssuedData extends OfSignIn {
  readonly challenge: ChallengeKind;
  /** Only for `enroll-second-factor`. */
  readonly reason: EnrollmentReason | null;
  /** Masked destination of an email/SMS code (`a***e@example.com`, `+33 ******89`), else null. */
  readonly sentTo: string | null;
  /** SHA-256 of the email/SMS code; null for authenticator and enrollment challenges. */
  readonly codeSha256: string | null;
  readonly issuedAt: string;
  readonly expiresAt: string;
  readonly maxAttempts: number;
}
/** A new code replaced the previous one; the guesses already used still count. */
export interface SignInChallengeCodeResentData extends OfSignIn {
  readonly codeSha256: string;
  readonly expiresAt: string;
  /** How many resends so far, this one included. */
  readonly resends: number;
}
export type ChallengeFailure = 'wrong' | 'replayed';
export interface SignInChallengeCodeFailedData extends OfSignIn {
  readonly reason: ChallengeFailure;
  readonly failedAttempts: number;
  readonly attemptsLeft: number;
}
export interface SignInChallengePassedData extends OfSignIn {
  readonly factor: SecondFactor;
  /** `code`: answered the challenge; `enrollment`: proved a second factor set up during this sign-in. */
  readonly by: 'code' | 'enrollment' | 'recovery-code';
}
/** Tokens were issued: the session `sessionId` starts. */
export interface SignInCompletedData extends OfSignIn {
  readonly sessionId: string;
  /** RFC 8176 method references for the access token: `pwd`, then `mfa` and `otp`/`sms`/`email`. */
  readonly amr: readonly string[];
  /** The trusted device that let the second factor be skipped, or null. */
  readonly trustedDeviceId: string | null;
  /** A computer that becomes trusted now (second factor passed, method not "every time"), or null. */
  readonly newTrustedDeviceId: string | null;
}

export type SignInStarted = EventOf<'SignInStarted', SignInStartedData>;
export type SignInChallengeIssued = EventOf<'SignInChallengeIssued', SignInChallengeIssuedData>;
export type SignInChallengeCodeResent = EventOf<
  'SignInChallengeCodeResent',
  SignInChallengeCodeResentData
>;
export type SignInChallengeCodeFailed = EventOf<
  'SignInChallengeCodeFailed',
  SignInChallengeCodeFailedData
>;
export type SignInChallengePassed = EventOf<'SignInChallengePassed', SignInChallengePassedData>;
export type SignInCompleted = EventOf<'SignInCompleted', SignInCompletedData>;

export type SignInEvent =
  | SignInStarted
  | SignInChallengeIssued
  | SignInChallengeCodeResent
  | SignInChallengeCodeFailed
  | SignInChallengePassed
  | SignInCompleted;
