import { CommandRunner } from '@accounts/event-sourcing';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import type { CredentialPolicy, GenerateApiCredential } from '../../domain';
import { CallerFacts } from '../shared/caller-facts';
import { CREDENTIAL_POLICY } from '../shared/credential-policy';
import { newApiSecret, newClientId } from '../secrets/api-secret';
import { SecretHasher } from '../secrets/secret-hasher';
import { apiCredentialsOf } from './api-credentials-runs';
import { GenerateApiCredentialCommand } from './generate-api-credential.command';
import type { IssuedSecret } from './issued-secret';

@CommandHandler(GenerateApiCredentialCommand)
export class GenerateApiCredentialHandler implements ICommandHandler<GenerateApiCredentialCommand> {
  constructor(
    @Inject(CREDENTIAL_POLICY) private readonly policy: CredentialPolicy,
    private readonly hasher: SecretHasher,
    private readonly callers: CallerFacts,
    private readonly runner: CommandRunner,
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
    const command: GenerateApiCredential = {
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
    };
    // Waits for the read models: the very next token request sees the new credential.
    const { state } = await this.runner.run(
      apiCredentialsOf(caller, command, this.callers.orgOf(accountId, caller)),
    );
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
