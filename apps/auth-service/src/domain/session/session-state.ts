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
