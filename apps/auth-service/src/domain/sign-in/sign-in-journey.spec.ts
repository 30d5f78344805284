import type { Decider, Message } from '@accounts/event-sourcing';
import { authenticatorDecider } from '../authenticator/authenticator-decider';
import { signInGuardDecider } from '../guard/guard-decider';
import { refusalOf, totpVerdictOf } from '../outcomes/refusal-of';
import { ACCOUNT, at, authenticatorOf, historyFor, sha } from '../testing/fixtures';
import { startSignIn } from '../testing/sign-in-fixtures';
import { answer, totp } from '../testing/challenge-fixtures';
import { answerableChallenge } from './decide-challenge';
import { signInDecider } from './sign-in-decider';

/** A stream kept in memory: decide on its folded state, append what was decided. */
function stream<S, C extends Message, E extends Message>(
  decider: Decider<S, C, E>,
  events: E[] = [],
) {
  const state = () => events.reduce(decider.evolve, decider.initialState());
  return {
    events,
    state,
    run(command: C, now: Date): E[] {
      const decided = decider.decide(command, state(), { now });
      events.push(...decided);
      return decided;
    },
  };
}

describe('a whole sign-in, deciders chained the way the handler chains them', () => {
  it('accepts an authenticator code once: the same code in a second sign-in is a replay', () => {
    const authenticator = historyFor('authenticator-every-time');
    const guard = stream(signInGuardDecider);
    const signInWithCode = (signinId: string, now: Date) => {
      const flow = stream(signInDecider);
      guard.run({ type: 'CheckSignInAllowed', data: { accountId: ACCOUNT } }, now);
      flow.run(startSignIn(authenticator, { signinId }), now);
      answerableChallenge(flow.state(), now);
      const judged = guard.run(
        {
          type: 'UseTotpCode',
          data: {
            accountId: ACCOUNT,
            signinId,
            totpValid: true,
            timeStep: 100,
          },
        },
        now,
      );
      const answered = flow.run(answer(totp(totpVerdictOf(judged)), true, signinId), now);
      return [...judged, ...answered];
    };

    const first = signInWithCode('signin-a', at(0));
    expect(first.map((e) => e.type)).toEqual([
      'TotpCodeAccepted',
      'SignInChallengePassed',
      'SignInCompleted',
    ]);
    expect(refusalOf(first)).toBeNull();

    const second = signInWithCode('signin-b', at(20));
    expect(second.map((e) => e.type)).toEqual(['TotpCodeReplayed', 'SignInChallengeCodeFailed']);
    expect(refusalOf(second)?.code).toBe('AUTH-challenge-code-replayed');
  });

  it('trusts the computer that passed an email code, and the next sign-in from it skips the code', () => {
    const authenticator = stream(authenticatorDecider, historyFor('email'));
    const first = stream(signInDecider);
    first.run(startSignIn(authenticator.events), at(0));
    const [, done] = first.run(answer({ kind: 'code', codeSha256: sha('c') }), at(30));
    if (done.type !== 'SignInCompleted' || !done.data.newTrustedDeviceId)
      throw new Error('expected a new trusted device');
    authenticator.run(
      {
        type: 'AddTrustedDevice',
        data: {
          accountId: ACCOUNT,
          deviceId: done.data.newTrustedDeviceId,
          tokenSha256: sha('t'),
          userAgent: 'Firefox',
          ip: null,
        },
      },
      at(30),
    );

    const again = stream(signInDecider);
    const next = again.run(
      startSignIn(authenticator.events, { trustedDeviceTokenSha256: sha('t') }),
      at(3600),
    );
    expect(next.map((e) => e.type)).toEqual(['SignInStarted', 'SignInCompleted']);
    expect(authenticatorOf(authenticator.events).trustedDevices).toHaveLength(1);
  });
});
