import type { ApiCredentialRevoked } from '@accounts/contracts';
import type { RevokeApiCredential } from './api-credentials-commands';
import type { ApiCredentialsState } from './api-credentials-state';
import { credentialNotFound } from './credential-errors';

/** The owner, or an administrator of the owner's organization; anyone else sees no such credential. */
export function decideRevoke(
  command: RevokeApiCredential,
  state: ApiCredentialsState,
): ApiCredentialRevoked[] {
  const { accountId, credentialId, actor } = command.data;
  const byOwner = actor.accountId === accountId;
  if (!byOwner && !actor.administersOwner) throw credentialNotFound();
  const credential = state.credentials[credentialId];
  if (!credential) throw credentialNotFound();
  // Removing twice changes nothing: DELETE is idempotent.
  if (credential.status === 'revoked') return [];
  return [
    {
      type: 'ApiCredentialRevoked',
      data: {
        accountId,
        credentialId,
        reason: byOwner ? 'removed-by-owner' : 'removed-by-administrator',
      },
    },
  ];
}
