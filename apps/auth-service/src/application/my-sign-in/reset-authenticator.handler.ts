import { CommandRunner } from '@accounts/event-sourcing';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { authenticatorDecider, authenticatorStreamId } from '../../domain';
import { ProfileFacts } from '../../projections/profile-facts.queries';
import { ResetAuthenticatorCommand } from './reset-authenticator.command';

/** The owner is told, with the reason, by the notices reactor (AuthenticatorReset). */
@CommandHandler(ResetAuthenticatorCommand)
export class ResetAuthenticatorHandler implements ICommandHandler<ResetAuthenticatorCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly profiles: ProfileFacts,
  ) {}

  async execute({ caller, accountId, reason }: ResetAuthenticatorCommand): Promise<void> {
    const target = this.profiles.byId(accountId);
    // Unknown and other-organization accounts get the same 404.
    const accountOrgId = target?.orgId ?? '';
    await this.runner.run({
      streamId: authenticatorStreamId(accountId),
      decider: authenticatorDecider,
      command: {
        type: 'ResetAuthenticator',
        data: {
          accountId,
          actor: {
            accountId: caller.accountId,
            orgId: caller.orgId,
            isAdministrator: this.profiles.isAdministrator(caller.orgId, caller.accountId),
          },
          accountOrgId,
          reason,
        },
      },
      actor: { kind: 'admin', accountId: caller.accountId },
      orgId: caller.orgId,
    });
  }
}
