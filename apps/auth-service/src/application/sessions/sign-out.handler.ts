import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { SessionEnding } from './session-ending';
import { SignOutCommand } from './sign-out.command';

@CommandHandler(SignOutCommand)
export class SignOutHandler implements ICommandHandler<SignOutCommand> {
  constructor(private readonly sessions: SessionEnding) {}

  async execute({ principal }: SignOutCommand): Promise<void> {
    const { sessionId, accountId, orgId } = principal;
    await this.sessions.end(sessionId, accountId, orgId, 'logout');
  }
}
