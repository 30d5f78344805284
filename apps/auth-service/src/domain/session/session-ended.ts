import type { SessionEndReason, SessionEvent } from '@accounts/contracts';
import type { Session } from './session-state';

export const sessionEnded = (
  session: Pick<Session, 'sessionId' | 'accountId'>,
  reason: SessionEndReason,
  now: Date,
): SessionEvent => ({
  type: 'SessionEnded',
  data: {
    sessionId: session.sessionId,
    accountId: session.accountId,
    reason,
    endedAt: now.toISOString(),
  },
});
