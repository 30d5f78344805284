import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { SessionEnding } from './session-ending';
import { SignOutCommand } from './sign-out.command';

@CommandHandler(SignOutCommand)
export class SignOutHandler implements ICommandHandler<SignOutCommand> {
  constructor(private readonly sessions: SessionEnding) {}

  async execute({ caller }: SignOutCommand): Promise<void> {
    const { sessionId, accountId, orgId } = caller;
    await this.sessions.end(sessionId, accountId, orgId, 'logout');
  }
}
