import type { SessionEvent } from '@accounts/contracts';
import { DeciderSpecification } from '@accounts/testing';
import { at, sha } from '../testing/fixtures';
import { ended, HALF_HOUR, refresh, refreshed, startedEvent } from '../testing/session-fixtures';
import { sessionDecider } from './session-decider';
import { evolveSession, initialSessionState, sessionFromEnds } from './session-state';

const token = (n: number) => (n === 0 ? sha('1') : `t${String(n).padStart(63, '0')}`);
const history = (count: number): SessionEvent[] => [
  startedEvent(),
  ...Array.from({ length: count }, (_, i) => refreshed(token(i + 1), i + 1)),
];
const fold = (events: readonly SessionEvent[]) =>
  events.reduce(evolveSession, initialSessionState());
const ends = (events: readonly SessionEvent[]) =>
  sessionFromEnds(events[0], events[events.length - 1], events.length - 1);

describe("a session's state from its first and last events", () => {
  it('is the state a fold of every event gives, at the start and after 1 or 300 rotations', () => {
    for (const count of [0, 1, 300]) expect(ends(history(count))).toEqual(fold(history(count)));
  });

  it('decides as the full fold does: the current token rotates, an old one ends the session', () => {
    const state = ends(history(300));
    if (!state) throw new Error('no state');
    const now = { now: at(301) };
    const [rotation] = sessionDecider.decide(
      refresh(token(300), sha('9'), HALF_HOUR, true, { presented: 300, next: 301 }),
      state,
      now,
    );
    expect(rotation).toEqual(refreshed(sha('9'), 301));
    DeciderSpecification.for(sessionDecider)
      .given(history(300))
      .when(
        refresh(token(3), sha('9'), HALF_HOUR, true, {
          presented: 3,
          recorded: { number: 3, refreshTokenSha256: token(3) },
        }),
        now,
      )
      .then(
        sessionDecider.decide(
          refresh(token(3), sha('9'), HALF_HOUR, true, {
            presented: 3,
            recorded: { number: 3, refreshTokenSha256: token(3) },
          }),
          state,
          now,
        ),
      );
  });

  it('is ended, with the reason, when the last event ends it', () => {
    const events = [...history(20), ended('refresh-token-reused', 30)];
    expect(ends(events)).toMatchObject({ status: 'ended', endReason: 'refresh-token-reused' });
    expect(ends([startedEvent(), ended('logout', 5)])).toMatchObject({
      status: 'ended',
      endReason: 'logout',
      refreshTokenNumber: 0,
    });
  });

  it('is null for a stream of another shape, which is then folded whole', () => {
    const unknown = { type: 'SessionRenamed', data: {} } as unknown as SessionEvent;
    expect(ends([...history(3), unknown])).toBeNull();
    expect(sessionFromEnds(refreshed(token(1), 1), refreshed(token(2), 2), 2)).toBeNull();
  });
});
