import type { SessionEvent } from '@accounts/contracts';
import { assertNever, type CommandContext, type Decider } from '@accounts/event-sourcing';
import { decideRefreshSession } from './decide-refresh-session';
import { decideEndSession, decideStartSession } from './decide-session-lifecycle';
import type { SessionCommand } from './session-commands';
import { evolveSession, initialSessionState, type SessionState } from './session-state';

export function decideSession(
  command: SessionCommand,
  state: SessionState,
  ctx: CommandContext,
): SessionEvent[] {
  switch (command.type) {
    case 'StartSession':
      return decideStartSession(command, state, ctx);
    case 'RefreshSession':
      return decideRefreshSession(command, state, ctx);
    case 'EndSession':
      return decideEndSession(command, state, ctx);
    default:
      return assertNever(command);
  }
}

/** Stream `session-<sessionId>`. */
export const sessionDecider: Decider<SessionState, SessionCommand, SessionEvent> = {
  decide: decideSession,
  evolve: evolveSession,
  initialState: initialSessionState,
};
