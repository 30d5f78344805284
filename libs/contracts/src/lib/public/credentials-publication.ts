import type { CredentialsEvent } from '../credentials/api-credential-events';
import {
  CredentialsPublicContracts as C,
  type PublicApiCredentialGenerated,
  type PublicApiCredentialRegenerated,
  type PublicApiCredentialRevoked,
} from './credentials-public';
import { published, type PublicationTable } from './publication';

/** credentials-service's relay: internal event -> public event of accounts.credentials.v2 (secretHash dropped). */
export const CredentialsPublication: PublicationTable<CredentialsEvent> = {
  ApiCredentialGenerated: published(
    C.ApiCredentialGenerated,
    (d): PublicApiCredentialGenerated => ({
      accountId: d.accountId,
      credentialId: d.credentialId,
      clientId: d.clientId,
      name: d.name,
      expiresAt: d.expiresAt,
    }),
  ),
  ApiCredentialRegenerated: published(
    C.ApiCredentialRegenerated,
    (d): PublicApiCredentialRegenerated => ({
      accountId: d.accountId,
      credentialId: d.credentialId,
    }),
  ),
  ApiCredentialRevoked: published(
    C.ApiCredentialRevoked,
    (d): PublicApiCredentialRevoked => ({
      accountId: d.accountId,
      credentialId: d.credentialId,
      reason: d.reason,
    }),
  ),
};
