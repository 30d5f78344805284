import type { ApiCredentialRegenerated } from '@accounts/contracts';
import { type CommandContext, DomainError } from '@accounts/event-sourcing';
import type { RegenerateApiCredential } from './api-credentials-commands';
import type { ApiCredentialsState } from './api-credentials-state';
import { requireOwner } from './credential-access';
import { credentialNotFound } from './credential-errors';
import { hasExpired } from './values/expiry';

export function decideRegenerate(
  command: RegenerateApiCredential,
  state: ApiCredentialsState,
  { now }: CommandContext,
): ApiCredentialRegenerated[] {
  const { accountId, credentialId, secretHash, actor } = command.data;
  // An administrator may list and revoke, never hold a working secret of someone else's account;
  // anyone else learns nothing about the credential.
  if (actor.accountId !== accountId && !actor.administersOwner) throw credentialNotFound();
  requireOwner(
    accountId,
    actor,
    'CREDENTIALS-regenerate-own-only',
    'Only the account itself can regenerate its API credentials',
  );
  const credential = state.credentials[credentialId];
  if (!credential || credential.status === 'revoked') throw credentialNotFound();
  if (hasExpired(credential.expiresAt, now)) {
    throw new DomainError(
      'conflict',
      'CREDENTIALS-credential-expired',
      'This API credential has expired; remove it and generate a new one',
    );
  }
  return [{ type: 'ApiCredentialRegenerated', data: { accountId, credentialId, secretHash } }];
}
