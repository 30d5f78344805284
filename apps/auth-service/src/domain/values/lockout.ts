import type { SignInGuardSnapshot } from '@accounts/contracts';
import { plusSeconds } from '../shared/time';

/** Brute-force limits per account. */
export const LockoutPolicy = {
  /** Consecutive failures after which each failure locks the account for a while. */
  failuresBeforeBackoff: 5,
  /** The back-off doubles from 1 s and stops growing at 15 minutes. */
  maxBackoffSeconds: 15 * 60,
  /** Failures allowed in any rolling hour, whatever successes come between. */
  failuresPerHour: 100,
  windowSeconds: 60 * 60,
} as const;

export const initialGuard: SignInGuardSnapshot = {
  consecutiveFailures: 0,
  lockedUntil: null,
  recentFailures: [],
  lastTotpStep: null,
};

/** Lock length after the n-th consecutive failure: 0 before the 5th, then min(2^(n-5) s, 15 min). */
export function backoffSeconds(consecutiveFailures: number): number {
  const beyond = consecutiveFailures - LockoutPolicy.failuresBeforeBackoff;
  if (beyond < 0) return 0;
  return Math.min(2 ** beyond, LockoutPolicy.maxBackoffSeconds);
}

/** Whole seconds to wait before the next attempt, or null when attempts are allowed now. */
export function lockedFor(
  guard: SignInGuardSnapshot,
  now: Date,
): number | null {
  if (!guard.lockedUntil) return null;
  const ms = Date.parse(guard.lockedUntil) - now.getTime();
  return ms > 0 ? Math.ceil(ms / 1000) : null;
}

const withinWindow = (failures: readonly string[], now: Date) =>
  failures.filter(
    (at) => now.getTime() - Date.parse(at) < LockoutPolicy.windowSeconds * 1000,
  );

/** The guard after one more failure at `now`: back-off and the hourly cap, whichever lasts longer. */
export function guardAfterFailure(
  guard: SignInGuardSnapshot,
  now: Date,
): SignInGuardSnapshot {
  const cap = LockoutPolicy.failuresPerHour;
  const recentFailures = [
    ...withinWindow(guard.recentFailures, now),
    now.toISOString(),
  ].slice(-cap);
  const consecutiveFailures = guard.consecutiveFailures + 1;
  const locks: number[] = [];
  const backoff = backoffSeconds(consecutiveFailures);
  if (backoff > 0) locks.push(Date.parse(plusSeconds(now, backoff)));
  // At the cap, wait until the oldest failure of the hour leaves the window.
  if (recentFailures.length >= cap)
    locks.push(
      Date.parse(recentFailures[0]) + LockoutPolicy.windowSeconds * 1000,
    );
  const lockedUntil = locks.length
    ? new Date(Math.max(...locks)).toISOString()
    : null;
  return { ...guard, consecutiveFailures, lockedUntil, recentFailures };
}

/**
 * A completed sign-in clears the consecutive failures; the rolling hour still counts, and a lock
 * taken meanwhile by a concurrent attempt is kept.
 */
export function guardAfterSuccess(
  guard: SignInGuardSnapshot,
  now: Date,
): SignInGuardSnapshot {
  return {
    ...guard,
    consecutiveFailures: 0,
    lockedUntil: lockedFor(guard, now) === null ? null : guard.lockedUntil,
    recentFailures: withinWindow(guard.recentFailures, now),
  };
}
