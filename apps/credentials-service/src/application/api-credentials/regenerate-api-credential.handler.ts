import { CommandRunner } from '@accounts/event-sourcing';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { RegenerateApiCredential } from '../../domain';
import { CallerFacts } from '../shared/caller-facts';
import { newApiSecret } from '../secrets/api-secret';
import { SecretHasher } from '../secrets/secret-hasher';
import { apiCredentialsOf } from './api-credentials-runs';
import type { IssuedSecret } from './issued-secret';
import { RegenerateApiCredentialCommand } from './regenerate-api-credential.command';

@CommandHandler(RegenerateApiCredentialCommand)
export class RegenerateApiCredentialHandler
  implements ICommandHandler<RegenerateApiCredentialCommand>
{
  constructor(
    private readonly hasher: SecretHasher,
    private readonly callers: CallerFacts,
    private readonly runner: CommandRunner,
  ) {}

  async execute({ caller, credentialId }: RegenerateApiCredentialCommand): Promise<IssuedSecret> {
    this.callers.requireEnabled(caller);
    const accountId = caller.accountId;
    const secret = newApiSecret();
    const command: RegenerateApiCredential = {
      type: 'RegenerateApiCredential',
      data: {
        accountId,
        credentialId,
        secretHash: this.hasher.hash(secret),
        actor: this.callers.actorFor(caller, accountId),
      },
    };
    const { state } = await this.runner.run({
      ...apiCredentialsOf(caller, command, this.callers.orgOf(accountId, caller)),
      // No retry: after a concurrent regenerate, deciding again would append a second new secret
      // and hand this caller one that is already replaced. The loser gets a 409 instead, so
      // every secret ever shown is valid until replaced by a later, visible request.
      maxRetries: 0,
    });
    const credential = state.credentials[credentialId];
    return {
      id: credentialId,
      clientId: credential.clientId,
      secret,
      name: credential.name,
      expiresAt: credential.expiresAt,
      scopes: credential.scopes,
    };
  }
}
