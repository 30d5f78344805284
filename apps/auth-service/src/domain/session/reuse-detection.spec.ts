import { DeciderSpecification } from '@accounts/testing';
import { at, sha } from '../testing/fixtures';
import { ended, HALF_HOUR, refresh, refreshed, startedEvent } from '../testing/session-fixtures';
import { evolveSession, initialSessionState, type Session } from './session-state';
import { sessionDecider } from './session-decider';

const spec = DeciderSpecification.for(sessionDecider);
/** Token n's hash: token 0 is the start's sha('1'). */
const token = (n: number) => (n === 0 ? sha('1') : `t${String(n).padStart(63, '0')}`);
/** What the stream recorded for token n (the event at revision n). */
const recordedAt = (n: number) => ({ number: n, refreshTokenSha256: token(n) });

/** A session started with token 0 and refreshed `count` times, to token(1)...token(count). */
const history = (count: number) => [
  startedEvent(),
  ...Array.from({ length: count }, (_, i) => refreshed(token(i + 1), i + 1)),
];
const now = { now: at(3000) };
const numbered = (n: number, extra: Parameters<typeof refresh>[4] = {}) =>
  [HALF_HOUR, true, { presented: n, ...extra }] as const;

describe('reuse detection without the hashes in the state', () => {
  it('keeps a number and one hash, however many rotations the session had', () => {
    const state = history(2000).reduce(evolveSession, initialSessionState()) as Session;
    expect(state.refreshTokenNumber).toBe(2000);
    expect(state.refreshTokenSha256).toBe(token(2000));
    expect(Object.keys(state).sort()).toEqual([
      'absoluteExpiresAt',
      'accountId',
      'endReason',
      'lastActivityAt',
      'refreshTokenNumber',
      'refreshTokenSha256',
      'sessionId',
      'status',
    ]);
  });

  it('rotates the current token to the next number', () => {
    spec
      .given(history(2000))
      .when(refresh(token(2000), sha('9'), ...numbered(2000, { next: 2001 })), now)
      .then([refreshed(sha('9'), 3000)]);
  });

  it('ends the session when a token rotated out long ago or just now comes back', () => {
    for (const n of [0, 1, 1000, 1999])
      spec
        .given(history(2000))
        .when(refresh(token(n), sha('9'), ...numbered(n, { recorded: recordedAt(n) })), now)
        .then([ended('refresh-token-reused', 3000)]);
  });

  it('ends it for a rotated-out token of the earlier form (no number), found anywhere in the stream', () => {
    spec
      .given(history(300))
      .when(refresh(token(7), sha('9'), HALF_HOUR, true, { recorded: recordedAt(7) }), now)
      .then([ended('refresh-token-reused', 3000)]);
  });

  it('rotates a current token of the earlier form to a numbered one', () => {
    spec
      .given(history(300))
      .when(refresh(token(300), sha('9'), HALF_HOUR, true, { next: 301 }), { now: at(400) })
      .then([refreshed(sha('9'), 400)]);
  });

  it('refuses a token it never issued without ending the session', () => {
    // No recorded hash read (the hot path's first decision), or one that is not the presented one.
    spec
      .given(history(50))
      .when(refresh(sha('x'), sha('9'), ...numbered(10)), now)
      .thenThrows('AUTH-refresh-token-invalid', 'unauthorized');
    spec
      .given(history(50))
      .when(refresh(sha('x'), sha('9'), ...numbered(10, { recorded: recordedAt(10) })), now)
      .thenThrows('AUTH-refresh-token-invalid', 'unauthorized');
    spec
      .given(history(50))
      .when(refresh(sha('x'), sha('9'), HALF_HOUR, true, { recorded: recordedAt(10) }), now)
      .thenThrows('AUTH-refresh-token-invalid', 'unauthorized');
  });

  it('refuses a recorded hash under another number than the one the token carries', () => {
    spec
      .given(history(50))
      .when(refresh(token(10), sha('9'), ...numbered(11, { recorded: recordedAt(10) })), now)
      .thenThrows('AUTH-refresh-token-invalid', 'unauthorized');
  });

  it('refuses the current hash under a number that is not the current one', () => {
    spec
      .given(history(50))
      .when(refresh(token(50), sha('9'), ...numbered(49, { next: 50 })), now)
      .thenThrows('AUTH-refresh-token-invalid', 'unauthorized');
    spec
      .given(history(50))
      .when(refresh(token(50), sha('9'), ...numbered(51, { next: 52 })), now)
      .thenThrows('AUTH-refresh-token-invalid', 'unauthorized');
  });

  it('does not count the current token as rotated out, nor a number not reached yet', () => {
    // The hash of a token after the state's (a stale copy): not a reuse here, refused.
    spec
      .given(history(50))
      .when(refresh(token(60), sha('9'), ...numbered(60, { recorded: recordedAt(60) })), now)
      .thenThrows('AUTH-refresh-token-invalid', 'unauthorized');
  });

  it('refuses to hand out a token whose number is not the next one (it would point at the wrong event)', () => {
    spec
      .given(history(50))
      .when(refresh(token(50), sha('9'), ...numbered(50, { next: 50 })), now)
      .thenThrows('AUTH-refresh-token-invalid', 'unauthorized');
  });

  it('answers a reused token of an ended session with the end', () => {
    spec
      .given([...history(5), ended('refresh-token-reused', 6)])
      .when(refresh(token(2), sha('9'), ...numbered(2, { recorded: recordedAt(2) })), now)
      .thenThrows('AUTH-session-ended', 'unauthorized');
  });
});
