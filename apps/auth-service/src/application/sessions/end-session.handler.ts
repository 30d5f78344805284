import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EndSessionCommand } from './end-session.command';
import { SessionEnding } from './session-ending';

/** Only a session of the caller's own account: another's answers 404 like one that does not exist. */
@CommandHandler(EndSessionCommand)
export class EndSessionHandler implements ICommandHandler<EndSessionCommand> {
  constructor(private readonly sessions: SessionEnding) {}

  async execute({ caller, sessionId }: EndSessionCommand): Promise<void> {
    await this.sessions.end(sessionId, caller.accountId, caller.orgId, 'revoked');
  }
}
