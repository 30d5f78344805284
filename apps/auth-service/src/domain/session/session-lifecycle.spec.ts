import { DeciderSpecification } from '@accounts/testing';
import { at, iso, NOW, sha } from '../testing/fixtures';
import { thrown } from '../testing/refusal';
import { sessionDecider } from './session-decider';
import { end, ended, HALF_HOUR, refresh, start, startedEvent } from '../testing/session-fixtures';

const spec = DeciderSpecification.for(sessionDecider);

describe('sessions', () => {
  it('starts with the account timeout and an absolute limit of 30 days by default (configurable)', () => {
    spec.given([]).when(start(), { now: NOW }).then([startedEvent()]);
    spec
      .given([])
      .when(start(null, 7 * 86400), { now: NOW })
      .then([startedEvent(null, iso(7 * 86400))]);
    spec.given([startedEvent()]).when(start()).thenThrows('AUTH-session-exists', 'conflict');
  });

  it('ends the session of a disabled account at refresh, or when told by the system', () => {
    spec
      .given([startedEvent()])
      .when(refresh(sha('1'), sha('2'), HALF_HOUR, false), { now: at(60) })
      .then([ended('account-disabled', 60)]);
    spec
      .given([startedEvent()])
      .when(end('account-disabled', { kind: 'system' }), { now: at(60) })
      .then([ended('account-disabled', 60)]);
  });

  it('logs out, and lets the owner end one of their own sessions only', () => {
    spec
      .given([startedEvent()])
      .when(end('logout'), { now: at(60) })
      .then([ended('logout', 60)]);
    spec
      .given([startedEvent()])
      .when(end('revoked'), { now: at(60) })
      .then([ended('revoked', 60)]);
    spec
      .given([startedEvent()])
      .when(end('revoked', { kind: 'user', accountId: 'acc-other' }))
      .thenThrows('AUTH-session-not-found', 'not_found');
    spec.given([]).when(end('logout')).thenThrows('AUTH-session-not-found', 'not_found');
    spec
      .given([startedEvent(), ended('logout', 60)])
      .when(end('logout'))
      .thenNothingHappened();
  });

  it('tells why an ended session cannot be refreshed', () => {
    const state = [startedEvent(), ended('idle-timeout', HALF_HOUR)].reduce(
      sessionDecider.evolve,
      sessionDecider.initialState(),
    );
    expect(
      thrown(() =>
        sessionDecider.decide(refresh(sha('1'), sha('2')), state, {
          now: at(HALF_HOUR),
        }),
      ).details,
    ).toEqual({ reason: 'idle-timeout' });
  });
});
