import { CommandRunner } from '@accounts/event-sourcing';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { credentialNotFound } from '../../domain';
import { KeyStatusQueries } from '../../projections/key-status.queries';
import { CallerFacts } from '../shared/caller-facts';
import { apiCredentialsOf } from './api-credentials-runs';
import { RevokeApiCredentialCommand } from './revoke-api-credential.command';

@CommandHandler(RevokeApiCredentialCommand)
export class RevokeApiCredentialHandler implements ICommandHandler<RevokeApiCredentialCommand> {
  constructor(
    private readonly callers: CallerFacts,
    private readonly keys: KeyStatusQueries,
    private readonly runner: CommandRunner,
  ) {}

  async execute({ caller, credentialId }: RevokeApiCredentialCommand): Promise<void> {
    // The id alone says nothing of its account: the key-status model does (it holds every
    // credential this service answered for, since generate waits for it).
    const accountId = this.keys.ownerOf(credentialId);
    if (!accountId) throw credentialNotFound();
    const command = {
      type: 'RevokeApiCredential',
      data: { accountId, credentialId, actor: this.callers.actorFor(caller, accountId) },
    } as const;
    await this.runner.run(apiCredentialsOf(caller, command, this.callers.orgOf(accountId, caller)));
  }
}
