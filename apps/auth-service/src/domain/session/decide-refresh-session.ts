import type { SessionEvent } from '@accounts/contracts';
import { type CommandContext, DomainError } from '@accounts/event-sourcing';
import { sameDigest } from './same-digest';
import type { RefreshSession } from './session-commands';
import { sessionEnded } from './session-ended';
import { type SessionState, sessionExpiryReason } from './session-state';

const invalidRefreshToken = () =>
  new DomainError(
    'unauthorized',
    'AUTH-refresh-token-invalid',
    'Your session is not valid: sign in again',
  );

/**
 * Rotation with reuse detection: the current token gets a new one; a token already rotated out means
 * it was copied, so the whole session ends. An over session is ended (the handler answers 401).
 */
export function decideRefreshSession(
  { data }: RefreshSession,
  state: SessionState,
  { now }: CommandContext,
): SessionEvent[] {
  if (state.status === 'none') throw invalidRefreshToken();
  if (state.status === 'ended')
    throw new DomainError(
      'unauthorized',
      'AUTH-session-ended',
      'Your session has ended: sign in again',
      {
        reason: state.endReason,
      },
    );
  const presented = data.presentedRefreshTokenSha256;
  if (state.rotatedRefreshTokens.has(presented))
    return [sessionEnded(state, 'refresh-token-reused', now)];
  if (!sameDigest(presented, state.refreshTokenSha256)) throw invalidRefreshToken();
  if (!data.accountEnabled) return [sessionEnded(state, 'account-disabled', now)];
  const over = sessionExpiryReason(state, data.idleTimeoutSeconds, now);
  if (over) return [sessionEnded(state, over, now)];
  return [
    {
      type: 'SessionRefreshed',
      data: {
        sessionId: state.sessionId,
        accountId: state.accountId,
        refreshTokenSha256: data.newRefreshTokenSha256,
        refreshedAt: now.toISOString(),
        idleTimeoutSeconds: data.idleTimeoutSeconds,
      },
    },
  ];
}
