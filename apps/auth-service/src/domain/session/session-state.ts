import type { SessionEndReason, SessionEvent } from '@accounts/contracts';
import { tolerateUnknownEvent } from '@accounts/event-sourcing';

export interface Session {
  readonly status: 'active' | 'ended';
  readonly sessionId: string;
  readonly accountId: string;
  readonly refreshTokenSha256: string;
  /**
   * The current refresh token's number: 0 at the start, one more at each rotation. A session stream
   * holds SessionStarted at revision 0, then one SessionRefreshed per rotation (SessionEnded, last,
   * ends it), so the hash of token n is the one recorded by the stream's event at revision n: reuse
   * detection reads that one event instead of the state keeping every hash rotated out.
   */
  readonly refreshTokenNumber: number;
  /** Start or last refresh: the idle timeout counts from here. */
  readonly lastActivityAt: string;
  readonly absoluteExpiresAt: string;
  readonly endReason: SessionEndReason | null;
}

export type SessionState = { readonly status: 'none' } | Session;

export const initialSessionState = (): SessionState => ({ status: 'none' });

export function evolveSession(state: SessionState, event: SessionEvent): SessionState {
  if (event.type === 'SessionStarted') {
    const { sessionId, accountId, refreshTokenSha256, startedAt, absoluteExpiresAt } = event.data;
    return {
      status: 'active',
      sessionId,
      accountId,
      refreshTokenSha256,
      refreshTokenNumber: 0,
      lastActivityAt: startedAt,
      absoluteExpiresAt,
      endReason: null,
    };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'SessionRefreshed':
      return {
        ...state,
        refreshTokenSha256: event.data.refreshTokenSha256,
        refreshTokenNumber: state.refreshTokenNumber + 1,
        lastActivityAt: event.data.refreshedAt,
      };
    case 'SessionEnded':
      return { ...state, status: 'ended', endReason: event.data.reason };
    default:
      return tolerateUnknownEvent(event, state);
  }
}

/**
 * The state a fold of the whole stream gives, from its first and last events alone (a session that
 * rotated thousands of times is two reads instead of thousands). It holds because a session stream
 * is SessionStarted, then SessionRefreshed per rotation, then at most a SessionEnded, last: the last
 * refresh carries the current hash and activity, its revision is the current token's number, and an
 * end comes right after the last token's event. Null for a stream of another shape (a type this
 * version does not know): fold it whole.
 */
export function sessionFromEnds(
  first: SessionEvent,
  last: SessionEvent,
  lastRevision: number,
): SessionState | null {
  if (first.type !== 'SessionStarted') return null;
  const started = evolveSession(initialSessionState(), first);
  if (lastRevision === 0) return started;
  if (last.type !== 'SessionRefreshed' && last.type !== 'SessionEnded') return null;
  const state = evolveSession(started, last) as Session;
  const refreshTokenNumber = last.type === 'SessionEnded' ? lastRevision - 1 : lastRevision;
  return { ...state, refreshTokenNumber };
}

/** Why an active session is over at `now` with the account's current idle timeout, or null. */
export function sessionExpiryReason(
  session: Session,
  idleTimeoutSeconds: number | null,
  now: Date,
): 'absolute-limit' | 'idle-timeout' | null {
  if (now.getTime() >= Date.parse(session.absoluteExpiresAt)) return 'absolute-limit';
  if (
    idleTimeoutSeconds !== null &&
    now.getTime() - Date.parse(session.lastActivityAt) >= idleTimeoutSeconds * 1000
  )
    return 'idle-timeout';
  return null;
}
