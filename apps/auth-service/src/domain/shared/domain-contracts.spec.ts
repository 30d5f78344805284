import type { Message } from '@accounts/event-sourcing';
import { authenticatorDecider } from '../authenticator/authenticator-decider';
import { signInGuardDecider } from '../guard/guard-decider';
import { sessionDecider } from '../session/session-decider';
import { signInDecider } from '../sign-in/sign-in-decider';
import { ACCOUNT, NOW, PHC_CURRENT, passwordPolicy, sha } from '../testing/fixtures';
import {
  authenticatorStreamId,
  sessionStreamId,
  signInGuardStreamId,
  signInStreamId,
} from './streams';

describe('streams of auth-service', () => {
  it('names one stream per account authenticator and guard, per sign-in and per session', () => {
    expect(authenticatorStreamId('a1')).toBe('authenticator-a1');
    expect(signInGuardStreamId('a1')).toBe('signinguard-a1');
    expect(signInStreamId('s1')).toBe('signin-s1');
    expect(sessionStreamId('x1')).toBe('session-x1');
  });

  it('leaves the state as it is on an event type written by a newer version', () => {
    const unknown = { type: 'SomethingNew', data: {} } as unknown as never;
    for (const decider of [authenticatorDecider, signInDecider, sessionDecider]) {
      const state = decider.initialState();
      expect((decider.evolve as (s: unknown, e: Message) => unknown)(state, unknown)).toBe(state);
    }
    const guard = signInGuardDecider.initialState();
    expect(
      signInGuardDecider.evolve(guard, {
        type: 'SignInSucceeded',
        data: {},
      } as never),
    ).toBe(guard);
  });

  it('never puts a clear password or token in an event', () => {
    const events = authenticatorDecider.decide(
      {
        type: 'Activate',
        data: {
          accountId: ACCOUNT,
          activation: {
            tokenSha256: sha('a'),
            expiresAt: '2026-01-04T00:00:00.000Z',
          },
          presentedTokenSha256: sha('a'),
          password: 'blue-kettle-42',
          passwordHash: PHC_CURRENT,
          passwordPolicy,
        },
      },
      authenticatorDecider.initialState(),
      { now: NOW },
    );
    expect(JSON.stringify(events)).not.toContain('blue-kettle-42');
    expect(JSON.stringify(events)).toContain(PHC_CURRENT);
  });
});
