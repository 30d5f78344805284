import type { ApiCredentialGenerated } from '@accounts/contracts';
import { type CommandContext, DomainError } from '@accounts/event-sourcing';
import type { GenerateApiCredential } from './api-credentials-commands';
import { type ApiCredentialsState, heldCredentials } from './api-credentials-state';
import { requireOwner } from './credential-access';
import { parseCredentialName } from './values/credential-name';
import { parseCredentialScopes } from './values/credential-scopes';
import { parseExpiry } from './values/expiry';

export function decideGenerate(
  command: GenerateApiCredential,
  state: ApiCredentialsState,
  { now }: CommandContext,
): ApiCredentialGenerated[] {
  const { accountId, credentialId, clientId, secretHash, actor, policy } = command.data;
  requireOwner(
    accountId,
    actor,
    'CREDENTIALS-generate-own-only',
    'Only the account itself can generate its API credentials',
  );
  const name = parseCredentialName(command.data.name);
  const expiresAt = parseExpiry(command.data.expiresAt, now);
  const scopes = parseCredentialScopes(command.data.scopes, command.data.ownerAccountType);
  if (state.credentials[credentialId]) {
    throw new DomainError(
      'conflict',
      'CREDENTIALS-credential-exists',
      'An API credential with this id already exists',
    );
  }
  if (heldCredentials(state).length >= policy.maxCredentials) {
    throw new DomainError(
      'conflict',
      'CREDENTIALS-limit-reached',
      `An account holds at most ${policy.maxCredentials} API credentials; remove one (expired ones included) first`,
      { maxCredentials: policy.maxCredentials },
    );
  }
  return [
    {
      type: 'ApiCredentialGenerated',
      data: {
        accountId,
        credentialId,
        clientId,
        name,
        expiresAt,
        secretHash,
        scopes,
      },
    },
  ];
}
