import { DeciderSpecification } from '@accounts/testing';
import { at, sha } from '../testing/fixtures';
import { sessionDecider } from './session-decider';
import { ended, HALF_HOUR, refresh, refreshed, startedEvent } from '../testing/session-fixtures';

const spec = DeciderSpecification.for(sessionDecider);
/** The session's first token as its SessionStarted recorded it. */
const token0 = { number: 0, refreshTokenSha256: sha('1') };

describe('sessions', () => {
  it('rotates the refresh token at each refresh', () => {
    spec
      .given([startedEvent()])
      .when(refresh(sha('1'), sha('2')), { now: at(60) })
      .then([refreshed(sha('2'), 60)]);
    spec
      .given([startedEvent(), refreshed(sha('2'), 60)])
      .when(refresh(sha('2'), sha('3'), HALF_HOUR, true, { presented: 1, next: 2 }), {
        now: at(120),
      })
      .then([refreshed(sha('3'), 120)]);
  });

  it('ends the whole session when a rotated refresh token is presented again', () => {
    spec
      .given([startedEvent(), refreshed(sha('2'), 60)])
      .when(refresh(sha('1'), sha('9'), HALF_HOUR, true, { presented: 0, recorded: token0 }), {
        now: at(90),
      })
      .then([ended('refresh-token-reused', 90)]);
    spec
      .given([startedEvent(), refreshed(sha('2'), 60), ended('refresh-token-reused', 90)])
      .when(refresh(sha('2'), sha('3')))
      .thenThrows('AUTH-session-ended', 'unauthorized');
  });

  it('refuses a refresh token it never issued without ending the session', () => {
    spec
      .given([startedEvent()])
      .when(refresh(sha('x'), sha('2')))
      .thenThrows('AUTH-refresh-token-invalid', 'unauthorized');
    spec
      .given([])
      .when(refresh(sha('1'), sha('2')))
      .thenThrows('AUTH-refresh-token-invalid', 'unauthorized');
  });

  it('ends the session after the idle timeout, counted from the last refresh', () => {
    spec
      .given([startedEvent()])
      .when(refresh(sha('1'), sha('2')), { now: at(HALF_HOUR - 1) })
      .then([refreshed(sha('2'), HALF_HOUR - 1)]);
    spec
      .given([startedEvent()])
      .when(refresh(sha('1'), sha('2')), { now: at(HALF_HOUR) })
      .then([ended('idle-timeout', HALF_HOUR)]);
    spec
      .given([startedEvent(), refreshed(sha('2'), 1000)])
      .when(refresh(sha('2'), sha('3'), HALF_HOUR, true, { next: 2 }), {
        now: at(1000 + HALF_HOUR - 1),
      })
      .then([refreshed(sha('3'), 1000 + HALF_HOUR - 1)]);
  });

  it('applies a changed timeout to existing sessions at their next refresh', () => {
    spec
      .given([startedEvent()])
      .when(refresh(sha('1'), sha('2'), 900), { now: at(1000) })
      .then([ended('idle-timeout', 1000)]);
    spec
      .given([startedEvent()])
      .when(refresh(sha('1'), sha('2'), 3600), { now: at(3000) })
      .then([refreshed(sha('2'), 3000, 3600)]);
  });

  it("'never' has no idle limit but still ends at the absolute limit", () => {
    const never = startedEvent(null);
    spec
      .given([never])
      .when(refresh(sha('1'), sha('2'), null), { now: at(29 * 86400) })
      .then([refreshed(sha('2'), 29 * 86400, null)]);
    spec
      .given([never, refreshed(sha('2'), 29 * 86400, null)])
      .when(refresh(sha('2'), sha('3'), null, true, { next: 2 }), { now: at(30 * 86400) })
      .then([ended('absolute-limit', 30 * 86400)]);
  });
});
