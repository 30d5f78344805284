import { CommandRunner, notFound } from '@accounts/event-sourcing';
import { Injectable } from '@nestjs/common';
import { type Session, sessionDecider, sessionStreamId } from '../../domain';

export type SessionEndReason = 'logout' | 'revoked' | 'password-changed' | 'password-reset';

/** Ends one session of an account: sign-out, a session closed from the list, a new password. */
@Injectable()
export class SessionEnding {
  constructor(private readonly runner: CommandRunner) {}

  /** 404 for a session of another account, as for one that does not exist. */
  async end(
    sessionId: string,
    accountId: string,
    orgId: string,
    reason: SessionEndReason,
  ): Promise<void> {
    const streamId = sessionStreamId(sessionId);
    const { state } = await this.runner.load(streamId, sessionDecider);
    if (state.status === 'none' || (state as Session).accountId !== accountId)
      throw notFound('AUTH-session-not-found', 'No such session on your account');
    await this.runner.run({
      streamId,
      decider: sessionDecider,
      command: {
        type: 'EndSession',
        data: { sessionId, reason, actor: { kind: 'user', accountId } },
      },
      actor: { kind: 'user', accountId },
      orgId,
    });
  }
}
