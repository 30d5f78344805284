import type { SecondFactor } from '../profile/second-factors';
import type { AuthenticationEventOf as EventOf } from './event-shape';

/**
 * Stream `signinguard-<accountId>`: every sign-in attempt of an account, for brute-force
 * protection and TOTP replay protection. Every event carries the guard state AFTER it, so the
 * handler reads only the stream's last event (backwards, maxCount 1): O(1) however long the
 * history, and an append with the revision read serializes concurrent attempts of one account.
 */
export interface SignInGuardSnapshot {
  /** Failures since the last successful sign-in. */
  readonly consecutiveFailures: number;
  /** ISO-8601 instant before which every attempt is refused, or null. */
  readonly lockedUntil: string | null;
  /** Instants of the failures of the last rolling hour, oldest first (at most 100). */
  readonly recentFailures: readonly string[];
  /** Highest TOTP time step accepted for this account; a step not above it is a replay. */
  readonly lastTotpStep: number | null;
  /**
   * Per client address (IPv4, or IPv6 /64) that failed on this account in the last hour: its own
   * back-off. Absent in events written before per-address limits (read as none).
   */
  readonly addresses?: Readonly<Record<string, SignInAddressGuard>>;
  /**
   * Client addresses a sign-in of this account succeeded from (address -> last success, at most
   * 10, 30 days): the account-wide slow-down does not apply to them. Absent in older events.
   */
  readonly knownAddresses?: Readonly<Record<string, string>>;
}

/** One client address's failures on one account. */
export interface SignInAddressGuard {
  readonly consecutiveFailures: number;
  readonly lockedUntil: string | null;
  readonly lastFailureAt: string;
}

/** What was wrong: the password or the code of a second factor. */
/** `recovery-code`: a wrong recovery code counts like any other wrong code. */
export type SignInFailureFactor = 'password' | SecondFactor | 'recovery-code';

interface OfAccount {
  readonly accountId: string;
  /** The sign-in flow concerned; null for a wrong password (no flow starts). */
  readonly signinId: string | null;
  readonly guard: SignInGuardSnapshot;
}

export interface SignInAttemptFailedData extends OfAccount {
  readonly factor: SignInFailureFactor;
  readonly failedAt: string;
}
/** Tokens were issued: the consecutive failures are cleared (the rolling hour is kept). */
export interface SignInSucceededData extends OfAccount {
  readonly succeededAt: string;
}
export interface TotpCodeAcceptedData extends OfAccount {
  readonly timeStep: number;
}
/** A TOTP code of a step already used was presented: refused, counted as a failure, user notified. */
export interface TotpCodeReplayedData extends OfAccount {
  readonly timeStep: number;
  readonly failedAt: string;
}

export type SignInAttemptFailed = EventOf<'SignInAttemptFailed', SignInAttemptFailedData>;
export type SignInSucceeded = EventOf<'SignInSucceeded', SignInSucceededData>;
export type TotpCodeAccepted = EventOf<'TotpCodeAccepted', TotpCodeAcceptedData>;
export type TotpCodeReplayed = EventOf<'TotpCodeReplayed', TotpCodeReplayedData>;

export type SignInGuardEvent =
  | SignInAttemptFailed
  | SignInSucceeded
  | TotpCodeAccepted
  | TotpCodeReplayed;
