import type { SessionEvent } from '@accounts/contracts';
import { type CommandContext, DomainError } from '@accounts/event-sourcing';
import { sameDigest } from './same-digest';
import type { RefreshSession } from './session-commands';
import { sessionEnded } from './session-ended';
import { type Session, type SessionState, sessionExpiryReason } from './session-state';

const invalidRefreshToken = () =>
  new DomainError(
    'unauthorized',
    'AUTH-refresh-token-invalid',
    'Your session is not valid: sign in again',
  );

type RefreshData = RefreshSession['data'];

/** The token the session would rotate now: its hash, and its number when it carries one. */
function isCurrent(session: Session, data: RefreshData): boolean {
  const number = data.presentedRefreshTokenNumber ?? session.refreshTokenNumber;
  return (
    sameDigest(data.presentedRefreshTokenSha256, session.refreshTokenSha256) &&
    number === session.refreshTokenNumber
  );
}

/**
 * A token this session issued and rotated out since: the hash its stream recorded for the token's
 * number (any number for a token of the earlier form, which carries none) is the presented one, and a
 * later token replaced it. A forged or foreign token matches no recorded hash.
 */
function wasRotatedOut(session: Session, { recorded, ...data }: RefreshData): boolean {
  if (!recorded || recorded.number >= session.refreshTokenNumber) return false;
  const number = data.presentedRefreshTokenNumber;
  if (number !== null && number !== recorded.number) return false;
  return sameDigest(data.presentedRefreshTokenSha256, recorded.refreshTokenSha256);
}

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
  if (!isCurrent(state, data)) {
    if (wasRotatedOut(state, data)) return [sessionEnded(state, 'refresh-token-reused', now)];
    throw invalidRefreshToken();
  }
  // The new token's number says where its hash is recorded: it must be the next revision's.
  if (data.newRefreshTokenNumber !== state.refreshTokenNumber + 1) throw invalidRefreshToken();
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
