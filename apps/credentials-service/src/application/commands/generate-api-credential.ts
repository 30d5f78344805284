import type { Principal } from '@accounts/security';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import type { CredentialPolicy } from '../../domain';
import { ApiCredentialsStream } from '../api-credentials-stream';
import { CallerFacts } from '../caller-facts';
import { CREDENTIAL_POLICY } from '../credential-policy';
import { newApiSecret, newClientId } from '../secrets/api-secret';
import { SecretHasher } from '../secrets/secret-hasher';
import type { IssuedSecret } from './issued-secret';

export class GenerateApiCredentialCommand extends Command<IssuedSecret> {
  constructor(
    readonly caller: Principal,
    readonly name?: string,
    readonly expiresAt?: string,
    readonly scopes?: readonly unknown[],
  ) {
    super();
  }
}

@CommandHandler(GenerateApiCredentialCommand)
export class GenerateApiCredentialHandler implements ICommandHandler<GenerateApiCredentialCommand> {
  constructor(
    @Inject(CREDENTIAL_POLICY) private readonly policy: CredentialPolicy,
    private readonly hasher: SecretHasher,
    private readonly callers: CallerFacts,
    private readonly stream: ApiCredentialsStream,
  ) {}

  async execute({
    caller,
    name,
    expiresAt,
    scopes,
  }: GenerateApiCredentialCommand): Promise<IssuedSecret> {
    this.callers.requireEnabled(caller);
    const accountId = caller.accountId;
    // Drawn here, outside the decider; only the hash goes into the command and the event.
    const secret = newApiSecret();
    const credentialId = randomUUID();
    const clientId = newClientId();
    const state = await this.stream.decide(caller, {
      type: 'GenerateApiCredential',
      data: {
        accountId,
        credentialId,
        clientId,
        secretHash: this.hasher.hash(secret),
        name: name ?? null,
        expiresAt: expiresAt ?? null,
        scopes: scopes ?? null,
        // The read model's type, not the token's claim: a demoted administrator's token is still valid for minutes.
        ownerAccountType: this.callers.accountTypeOf(accountId),
        actor: this.callers.actorFor(caller, accountId),
        policy: this.policy,
      },
    });
    const credential = state.credentials[credentialId];
    return {
      id: credentialId,
      clientId,
      secret,
      name: credential.name,
      expiresAt: credential.expiresAt,
      scopes: credential.scopes,
    };
  }
}
