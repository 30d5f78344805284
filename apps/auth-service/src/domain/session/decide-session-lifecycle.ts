import type { SessionEvent } from '@accounts/contracts';
import { type CommandContext, DomainError, notFound } from '@accounts/event-sourcing';
import { plusSeconds } from '../shared/time';
import { DefaultSessionAbsoluteLifetimeSeconds } from '../values/auth-limits';
import type { EndSession, StartSession } from './session-commands';
import { sessionEnded } from './session-ended';
import type { SessionState } from './session-state';

export function decideStartSession(
  { data }: StartSession,
  state: SessionState,
  { now }: CommandContext,
): SessionEvent[] {
  if (state.status !== 'none')
    throw new DomainError('conflict', 'AUTH-session-exists', 'This session already started');
  const lifetime = data.absoluteLifetimeSeconds ?? DefaultSessionAbsoluteLifetimeSeconds;
  // Field by field: nothing else the handler puts in the command can slip into the event.
  const { sessionId, accountId, orgId, signinId, refreshTokenSha256 } = data;
  const { amr, ip, userAgent, idleTimeoutSeconds } = data;
  return [
    {
      type: 'SessionStarted',
      data: {
        ...{ sessionId, accountId, orgId, signinId, refreshTokenSha256 },
        ...{ amr, ip, userAgent, idleTimeoutSeconds },
        startedAt: now.toISOString(),
        absoluteExpiresAt: plusSeconds(now, lifetime),
      },
    },
  ];
}

/** Only the owner's own sessions; someone else's is answered as missing. Ending twice changes nothing. */
export function decideEndSession(
  { data }: EndSession,
  state: SessionState,
  { now }: CommandContext,
): SessionEvent[] {
  const own =
    data.actor.kind === 'system' ||
    (state.status !== 'none' && state.accountId === data.actor.accountId);
  if (state.status === 'none' || !own)
    throw notFound('AUTH-session-not-found', 'No such session on your account');
  if (state.status === 'ended') return [];
  return [sessionEnded(state, data.reason, now)];
}
