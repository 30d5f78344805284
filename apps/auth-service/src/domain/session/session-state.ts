import type { SessionEndReason, SessionEvent } from '@accounts/contracts';
import { tolerateUnknownEvent } from '@accounts/event-sourcing';
import { RotatedTokens } from './rotated-tokens';

export interface Session {
  readonly status: 'active' | 'ended';
  readonly sessionId: string;
  readonly accountId: string;
  readonly refreshTokenSha256: string;
  /** Every refresh token hash rotated out: presenting one again ends the session. */
  readonly rotatedRefreshTokens: RotatedTokens;
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
      rotatedRefreshTokens: RotatedTokens.empty(),
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
        rotatedRefreshTokens: state.rotatedRefreshTokens.with(state.refreshTokenSha256),
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
