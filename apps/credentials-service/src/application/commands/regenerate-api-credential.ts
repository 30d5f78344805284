import type { Principal } from '@accounts/security';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiCredentialsStream } from '../api-credentials-stream';
import { CallerFacts } from '../caller-facts';
import { newApiSecret } from '../secrets/api-secret';
import { SecretHasher } from '../secrets/secret-hasher';
import type { IssuedSecret } from './issued-secret';

export class RegenerateApiCredentialCommand extends Command<IssuedSecret> {
  constructor(
    readonly caller: Principal,
    readonly credentialId: string,
  ) {
    super();
  }
}

@CommandHandler(RegenerateApiCredentialCommand)
export class RegenerateApiCredentialHandler implements ICommandHandler<RegenerateApiCredentialCommand> {
  constructor(
    private readonly hasher: SecretHasher,
    private readonly callers: CallerFacts,
    private readonly stream: ApiCredentialsStream,
  ) {}

  async execute({ caller, credentialId }: RegenerateApiCredentialCommand): Promise<IssuedSecret> {
    this.callers.requireEnabled(caller);
    const accountId = caller.accountId;
    const secret = newApiSecret();
    const state = await this.stream.decide(
      caller,
      {
        type: 'RegenerateApiCredential',
        data: {
          accountId,
          credentialId,
          secretHash: this.hasher.hash(secret),
          actor: this.callers.actorFor(caller, accountId),
        },
      },
      // No retry: after a concurrent regenerate, deciding again would append a second new secret
      // and hand this caller one that is already replaced. The loser gets a 409 instead, so
      // every secret ever shown is valid until replaced by a later, visible request.
      { maxRetries: 0 },
    );
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
