import { DeciderSpecification } from '@accounts/testing';
import { ACCOUNT, at, iso, NOW } from '../testing/fixtures';
import { signInGuardDecider } from './guard-decider';
import { failures, history, totp } from '../testing/guard-fixtures';

const spec = DeciderSpecification.for(signInGuardDecider);

describe('TOTP replay protection of an account', () => {
  it('accepts a TOTP time step once per account and refuses a replay as a failure', () => {
    const accepted = history([[totp(1000), NOW]]);
    expect(accepted[0]).toMatchObject({
      type: 'TotpCodeAccepted',
      data: { timeStep: 1000, guard: { lastTotpStep: 1000 } },
    });
    spec
      .given(accepted)
      .when(totp(1000), { now: at(5) })
      .then([
        {
          type: 'TotpCodeReplayed',
          data: {
            accountId: ACCOUNT,
            signinId: 's-1',
            timeStep: 1000,
            failedAt: iso(5),
            guard: {
              consecutiveFailures: 1,
              lockedUntil: null,
              recentFailures: [iso(5)],
              lastTotpStep: 1000,
              addresses: {
                unknown: {
                  consecutiveFailures: 1,
                  lockedUntil: null,
                  lastFailureAt: iso(5),
                },
              },
            },
          },
        },
      ]);
    // An older step (otplib accepts ±1) is a replay too; the next step is fine.
    spec
      .given(accepted)
      .when(totp(999), { now: at(5) })
      .then([expect.objectContaining({ type: 'TotpCodeReplayed' })]);
    spec
      .given(accepted)
      .when(totp(1001), { now: at(31) })
      .then([expect.objectContaining({ type: 'TotpCodeAccepted' })]);
  });

  it('counts a wrong authenticator code as a failure and refuses codes while locked', () => {
    spec
      .given([])
      .when(totp(5, false), { now: NOW })
      .then([
        expect.objectContaining({
          type: 'SignInAttemptFailed',
          data: expect.objectContaining({ factor: 'authenticator' }),
        }),
      ]);
    spec
      .given(history(failures(5)))
      .when(totp(1000), { now: NOW })
      .thenThrows('AUTH-sign-in-failed', 'too_many_attempts');
  });
});
