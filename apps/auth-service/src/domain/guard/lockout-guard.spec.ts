import { DeciderSpecification } from '@accounts/testing';
import { ACCOUNT, at, iso, NOW } from '../testing/fixtures';
import { thrown } from '../testing/refusal';
import { initialGuard } from '../values/lockout';
import type { SignInGuardCommand } from './guard-commands';
import { signInGuardDecider } from './guard-decider';
import {
  check,
  failures,
  fromAddress,
  HOME,
  history,
  success,
  wrongPassword,
} from '../testing/guard-fixtures';

const spec = DeciderSpecification.for(signInGuardDecider);

describe('brute-force guard of an account (signinguard-<accountId>)', () => {
  it('records a wrong password with the guard state after it', () => {
    spec
      .given([])
      .when(wrongPassword, { now: NOW })
      .then([
        {
          type: 'SignInAttemptFailed',
          data: {
            accountId: ACCOUNT,
            signinId: null,
            factor: 'password',
            failedAt: iso(0),
            guard: {
              ...initialGuard,
              consecutiveFailures: 1,
              recentFailures: [iso(0)],
              addresses: {
                unknown: {
                  consecutiveFailures: 1,
                  lockedUntil: null,
                  lastFailureAt: iso(0),
                },
              },
            },
          },
        },
      ]);
  });

  it('locks after 5 consecutive failures: 429 with Retry-After and the generic message', () => {
    const given = history(failures(5));
    spec
      .given(given)
      .when(check, { now: NOW })
      .thenThrows('AUTH-sign-in-failed', 'too_many_attempts');
    spec
      .given(given)
      .when(wrongPassword, { now: NOW })
      .thenThrows('AUTH-sign-in-failed', 'too_many_attempts');
    expect(
      thrown(() => signInGuardDecider.decide(check, given[4].data.guard, { now: NOW })).details,
    ).toEqual({
      retryAfterSeconds: 1,
    });
  });

  it('doubles the wait at each further failure, up to 15 minutes', () => {
    const given = history([...failures(5), [wrongPassword, at(1)], [wrongPassword, at(3)]]);
    expect(given[6].data.guard.lockedUntil).toBe(iso(3 + 4));
    const long = history(failures(20, 0, 900));
    expect(long[19].data.guard.lockedUntil).toBe(iso(19 * 900 + 900));
    spec
      .given(given)
      .when(check, { now: at(6) })
      .thenThrows('AUTH-sign-in-failed', 'too_many_attempts');
    spec
      .given(given)
      .when(check, { now: at(7) })
      .thenNothingHappened();
  });

  it('clears the consecutive failures on a successful sign-in', () => {
    const given = history([...failures(4), [success, at(1)]]);
    expect(given[4]).toMatchObject({
      type: 'SignInSucceeded',
      data: { succeededAt: iso(1) },
    });
    expect(given[4].data.guard.consecutiveFailures).toBe(0);
    const afterwards = history([...failures(4), [success, at(1)], [wrongPassword, at(2)]]);
    expect(afterwards[5].data.guard).toMatchObject({
      consecutiveFailures: 1,
      lockedUntil: null,
    });
  });

  it('allows at most 100 failures per rolling hour from addresses that failed, even with successes between', () => {
    // 100 addresses fail once each; the owner signs in from home between them.
    const steps: [SignInGuardCommand, Date][] = [];
    for (let i = 0; i < 100; i++) {
      steps.push([fromAddress(wrongPassword, `198.51.100.${i}`), at(i * 30)]);
      if (i % 4 === 3) steps.push([fromAddress(success, HOME), at(i * 30 + 1)]);
    }
    const given = history(steps);
    const last = given[given.length - 1].data.guard;
    expect(last.recentFailures).toHaveLength(100);
    // Locked until the first failure of the hour (at 0 s) leaves the window.
    expect(last.lockedUntil).toBe(iso(3600));
    spec
      .given(given)
      .when(fromAddress(check, '198.51.100.99'), { now: at(3599) })
      .thenThrows('AUTH-sign-in-failed', 'too_many_attempts');
    spec
      .given(given)
      .when(fromAddress(check, '198.51.100.99'), { now: at(3600) })
      .thenNothingHappened();
    // At the cap, a new address waits too; the owner's known address does not.
    spec
      .given(given)
      .when(fromAddress(check, '192.0.2.200'), { now: at(3599) })
      .thenThrows('AUTH-sign-in-failed', 'too_many_attempts');
    spec
      .given(given)
      .when(fromAddress(check, HOME), { now: at(3599) })
      .thenNothingHappened();
  });
});
