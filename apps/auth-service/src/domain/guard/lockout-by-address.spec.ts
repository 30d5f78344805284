import { DeciderSpecification } from '@accounts/testing';
import { at, iso } from '../testing/fixtures';
import {
  ATTACKER,
  check,
  fromAddress,
  history,
  HOME,
  success,
  wrongPassword,
} from '../testing/guard-fixtures';
import type { SignInGuardCommand } from './guard-commands';
import { signInGuardDecider } from './guard-decider';
import { backoffSeconds } from '../values/lockout';

const spec = DeciderSpecification.for(signInGuardDecider);
const FRESH = '192.0.2.1';

/** Seconds of the n wrong passwords of `failuresFrom`: one a second, then as soon as each lock ends. */
const failureTimes = (n: number, from = 0): number[] => {
  const times: number[] = [];
  for (let i = 0; i < n; i++)
    times.push(i === 0 ? from : times[i - 1] + Math.max(1, backoffSeconds(i)));
  return times;
};
/** n wrong passwords from one address, each as early as the guard allows. */
const failuresFrom = (address: string, n: number, from = 0): [SignInGuardCommand, Date][] =>
  failureTimes(n, from).map((t) => [fromAddress(wrongPassword, address), at(t)]);

describe('lock-out cannot be turned against the owner: back-off per account and per client address', () => {
  it('locks the address that failed 5 times in a row, doubling up to 15 minutes', () => {
    const given = history(failuresFrom(ATTACKER, 7));
    expect(given[6].data.guard.addresses?.[ATTACKER]).toEqual({
      consecutiveFailures: 7,
      lockedUntil: iso(7 + 4),
      lastFailureAt: iso(7),
    });
    expect(failureTimes(7)).toEqual([0, 1, 2, 3, 4, 5, 7]);
    spec
      .given(given)
      .when(fromAddress(check, ATTACKER), { now: at(10) })
      .thenThrows('AUTH-sign-in-failed', 'too_many_attempts');
    spec
      .given(given)
      .when(fromAddress(check, ATTACKER), { now: at(11) })
      .thenNothingHappened();
    const long = history(
      Array.from({ length: 20 }, (_, i): [SignInGuardCommand, Date] => [
        fromAddress(wrongPassword, ATTACKER),
        at(i * 900),
      ]),
    );
    expect(long[19].data.guard.addresses?.[ATTACKER].lockedUntil).toBe(iso(19 * 900 + 900));
  });

  it('lets an address without failures in while the account is slowed down, and its correct password works', () => {
    const given = history(failuresFrom(ATTACKER, 10));
    expect(given[9].data.guard.lockedUntil).toBe(iso(35 + 32));
    spec
      .given(given)
      .when(fromAddress(check, FRESH), { now: at(36) })
      .thenNothingHappened();
    const signedIn = history([
      ...failuresFrom(ATTACKER, 10),
      [fromAddress(success, FRESH), at(36)],
    ]);
    const after = signedIn[10].data.guard;
    expect(after).toMatchObject({
      consecutiveFailures: 0,
      // The slow-down of the attacker's address stays.
      lockedUntil: iso(35 + 32),
      knownAddresses: { [FRESH]: iso(36) },
    });
    spec
      .given(signedIn)
      .when(fromAddress(check, ATTACKER), { now: at(37) })
      .thenThrows('AUTH-sign-in-failed', 'too_many_attempts');
  });

  it('slows down, account-wide, every address that failed on the account (many addresses, one guess each)', () => {
    const botnet: [SignInGuardCommand, Date][] = Array.from({ length: 6 }, (_, i) => [
      fromAddress(wrongPassword, `198.51.100.${i}`),
      at(i),
    ]);
    const given = history(botnet);
    // 6 failures in a row on the account: 2 s account-wide, but no single address has 5.
    expect(given[5].data.guard.lockedUntil).toBe(iso(5 + 2));
    spec
      .given(given)
      .when(fromAddress(check, '198.51.100.0'), { now: at(6) })
      .thenThrows('AUTH-sign-in-failed', 'too_many_attempts');
    spec
      .given(given)
      .when(fromAddress(check, '198.51.100.200'), { now: at(6) })
      .thenNothingHappened();
  });

  it('spares the owner who mistypes from an address the account signed in from before', () => {
    const given = history([
      [fromAddress(success, HOME), at(0)],
      ...failuresFrom(ATTACKER, 10, 1),
      [fromAddress(wrongPassword, HOME), at(37)],
    ]);
    expect(given[11].data.guard.lockedUntil).toBe(iso(37 + 64));
    spec
      .given(given)
      .when(fromAddress(check, HOME), { now: at(38) })
      .thenNothingHappened();
  });

  it('forgets an address an hour after its last failure, and a known address after 30 days', () => {
    const given = history(failuresFrom(ATTACKER, 10));
    const later = history([
      ...failuresFrom(ATTACKER, 10),
      [fromAddress(wrongPassword, FRESH), at(35 + 3600)],
    ]);
    expect(Object.keys(later[10].data.guard.addresses ?? {})).toEqual([FRESH]);
    spec
      .given(given)
      .when(fromAddress(check, ATTACKER), { now: at(35 + 32) })
      .thenNothingHappened();
    const known = history([[fromAddress(success, HOME), at(0)]]);
    const month = 30 * 86_400;
    const afterMonth = history([
      [fromAddress(success, HOME), at(0)],
      [fromAddress(success, FRESH), at(month)],
    ]);
    expect(known[0].data.guard.knownAddresses).toEqual({ [HOME]: iso(0) });
    expect(afterMonth[1].data.guard.knownAddresses).toEqual({
      [FRESH]: iso(month),
    });
  });
});
