import type { SignInAddressGuard, SignInGuardSnapshot } from '@accounts/contracts';
import { plusSeconds } from '../shared/time';

/**
 * Brute-force limits of one account. Two locks, so that someone who does not know the password
 * cannot lock out the one who does:
 * - per client address on the account: after 5 failures in a row from that address, it waits
 *   1 s, 2 s, 4 s ... up to 15 minutes (a success from it clears it);
 * - account-wide: the same back-off over the account's failures from every address. It slows
 *   down only the addresses that failed on the account and are not known good: an address
 *   without failures, or one the account signed in from before, is still let through, and the
 *   correct password from it still works;
 * - at most 100 failures per rolling hour on the account (an attack from many addresses): then
 *   only known-good addresses are let through until the oldest failure is an hour old.
 */
export const LockoutPolicy = {
  /** Consecutive failures after which each failure locks for a while. */
  failuresBeforeBackoff: 5,
  /** The back-off doubles from 1 s and stops growing at 15 minutes. */
  maxBackoffSeconds: 15 * 60,
  /** Failures allowed in any rolling hour, whatever successes come between. */
  failuresPerHour: 100,
  windowSeconds: 60 * 60,
  /** Addresses tracked per account (the most recent failures win; keeps every guard event small). */
  maxAddresses: 20,
  /** Known-good addresses kept per account, and for how long after their last success. */
  maxKnownAddresses: 10,
  knownAddressDays: 30,
} as const;

/** The key of a request without a client address. */
export const UNKNOWN_ADDRESS = 'unknown';

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

const secondsLeft = (until: string | null, now: Date): number | null => {
  if (!until) return null;
  const ms = Date.parse(until) - now.getTime();
  return ms > 0 ? Math.ceil(ms / 1000) : null;
};

const isRecent = (instant: string, now: Date, seconds: number) =>
  now.getTime() - Date.parse(instant) < seconds * 1000;

/** True when the account-wide slow-down applies to this address: it failed here and is not known good. */
export function isSuspectAddress(guard: SignInGuardSnapshot, address: string, now: Date): boolean {
  if (isKnownAddress(guard, address, now)) return false;
  const pair = guard.addresses?.[address];
  return !!pair && isRecent(pair.lastFailureAt, now, LockoutPolicy.windowSeconds);
}

/** An address a sign-in of the account succeeded from in the last 30 days. */
export function isKnownAddress(guard: SignInGuardSnapshot, address: string, now: Date): boolean {
  const known = guard.knownAddresses?.[address];
  return !!known && isRecent(known, now, LockoutPolicy.knownAddressDays * 86_400);
}

/** End of the hourly cap's lock (the cap-th latest failure, an hour on), or null below the cap. */
function hourlyCapUntil(guard: SignInGuardSnapshot, now: Date): string | null {
  const recent = withinWindow(guard.recentFailures, now);
  const cap = LockoutPolicy.failuresPerHour;
  if (recent.length < cap) return null;
  return plusSeconds(new Date(recent[recent.length - cap]), LockoutPolicy.windowSeconds);
}

/**
 * Whole seconds the address must wait before its next attempt on the account, or null when it may
 * try now. Without an address, only the account-wide lock is looked at (the guard's own history).
 */
export function lockedFor(guard: SignInGuardSnapshot, now: Date, address?: string): number | null {
  if (address === undefined) return secondsLeft(guard.lockedUntil, now);
  const own = secondsLeft(guard.addresses?.[address]?.lockedUntil ?? null, now);
  // Suspect: the whole account-wide lock; new: the hourly cap only; known good: neither.
  const accountWide = isSuspectAddress(guard, address, now)
    ? secondsLeft(guard.lockedUntil, now)
    : isKnownAddress(guard, address, now)
      ? null
      : secondsLeft(hourlyCapUntil(guard, now), now);
  if (own === null && accountWide === null) return null;
  return Math.max(own ?? 0, accountWide ?? 0);
}

const withinWindow = (failures: readonly string[], now: Date) =>
  failures.filter((at) => isRecent(at, now, LockoutPolicy.windowSeconds));

/** Addresses with a recent failure or a running lock, the most recent last, at most maxAddresses. */
function pruneAddresses(
  addresses: Readonly<Record<string, SignInAddressGuard>>,
  now: Date,
): Record<string, SignInAddressGuard> {
  const kept = Object.entries(addresses)
    .filter(
      ([, pair]) =>
        isRecent(pair.lastFailureAt, now, LockoutPolicy.windowSeconds) ||
        secondsLeft(pair.lockedUntil, now) !== null,
    )
    .sort(([, a], [, b]) => Date.parse(a.lastFailureAt) - Date.parse(b.lastFailureAt))
    .slice(-LockoutPolicy.maxAddresses);
  return Object.fromEntries(kept);
}

/** The guard after one more failure from `address` at `now`: both back-offs and the hourly cap. */
export function guardAfterFailure(
  guard: SignInGuardSnapshot,
  now: Date,
  address: string = UNKNOWN_ADDRESS,
): SignInGuardSnapshot {
  const cap = LockoutPolicy.failuresPerHour;
  const recentFailures = [...withinWindow(guard.recentFailures, now), now.toISOString()].slice(
    -cap,
  );
  const consecutiveFailures = guard.consecutiveFailures + 1;
  const locks: number[] = [];
  const backoff = backoffSeconds(consecutiveFailures);
  if (backoff > 0) locks.push(Date.parse(plusSeconds(now, backoff)));
  // At the cap, wait until the oldest failure of the hour leaves the window.
  if (recentFailures.length >= cap)
    locks.push(Date.parse(recentFailures[0]) + LockoutPolicy.windowSeconds * 1000);
  const lockedUntil = locks.length ? new Date(Math.max(...locks)).toISOString() : null;
  const before = guard.addresses?.[address];
  const pairFailures = (before?.consecutiveFailures ?? 0) + 1;
  const pairBackoff = backoffSeconds(pairFailures);
  const pair: SignInAddressGuard = {
    consecutiveFailures: pairFailures,
    lockedUntil: pairBackoff > 0 ? plusSeconds(now, pairBackoff) : null,
    lastFailureAt: now.toISOString(),
  };
  const addresses = pruneAddresses({ ...guard.addresses, [address]: pair }, now);
  return {
    ...guard,
    consecutiveFailures,
    lockedUntil,
    recentFailures,
    addresses,
  };
}

/**
 * A completed sign-in from `address`: that address's failures are forgotten and it becomes known
 * good; the account's consecutive count is cleared, but its rolling hour and a running lock stay
 * (the other addresses that failed are still slowed down).
 */
export function guardAfterSuccess(
  guard: SignInGuardSnapshot,
  now: Date,
  address: string = UNKNOWN_ADDRESS,
): SignInGuardSnapshot {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { [address]: _cleared, ...others } = guard.addresses ?? {};
  const known = Object.entries({
    ...guard.knownAddresses,
    [address]: now.toISOString(),
  })
    .filter(([, last]) => isRecent(last, now, LockoutPolicy.knownAddressDays * 86_400))
    .sort(([, a], [, b]) => Date.parse(a) - Date.parse(b))
    .slice(-LockoutPolicy.maxKnownAddresses);
  return {
    ...guard,
    consecutiveFailures: 0,
    lockedUntil: secondsLeft(guard.lockedUntil, now) === null ? null : guard.lockedUntil,
    recentFailures: withinWindow(guard.recentFailures, now),
    addresses: pruneAddresses(others, now),
    knownAddresses: Object.fromEntries(known),
  };
}
