import type { Principal } from '@accounts/security';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { credentialNotFound } from '../../domain';
import { KeyStatusQueries } from '../../projections/key-status.queries';
import { ApiCredentialsStream } from '../api-credentials-stream';
import { CallerFacts } from '../caller-facts';

export class RevokeApiCredentialCommand extends Command<void> {
  constructor(
    readonly caller: Principal,
    readonly credentialId: string,
  ) {
    super();
  }
}

@CommandHandler(RevokeApiCredentialCommand)
export class RevokeApiCredentialHandler implements ICommandHandler<RevokeApiCredentialCommand> {
  constructor(
    private readonly callers: CallerFacts,
    private readonly keys: KeyStatusQueries,
    private readonly stream: ApiCredentialsStream,
  ) {}

  async execute({ caller, credentialId }: RevokeApiCredentialCommand): Promise<void> {
    // The id alone says nothing of its account: the key-status model does (it holds every
    // credential this service answered for, since generate waits for it).
    const accountId = this.keys.ownerOf(credentialId);
    if (!accountId) throw credentialNotFound();
    await this.stream.decide(caller, {
      type: 'RevokeApiCredential',
      data: { accountId, credentialId, actor: this.callers.actorFor(caller, accountId) },
    });
  }
}
