import type { EventOf } from '../envelope';
import { LegacyCredentialScopes } from './api-scopes';

/** A credentials event as decided by the domain (the one EventOf shape). */
export type CredentialsEventOf<Type extends string, Data> = EventOf<Type, Data>;

/**
 * Stream `apicredentials-<accountId>`. The secret itself is NEVER in an event: only
 * `secretHash`, a keyed hash (`hmac-sha256:<base64url>`) made with a pepper that stays in
 * credentials-service's configuration, so the hash alone cannot be checked against guesses.
 */
export interface ApiCredentialGeneratedData {
  readonly accountId: string;
  readonly credentialId: string;
  /** Public half of the credential (HTTP Basic user name), e.g. `aci_...`. */
  readonly clientId: string;
  readonly name: string | null;
  /** ISO-8601 UTC instant after which the credential stops working; null: never expires. */
  readonly expiresAt: string | null;
  readonly secretHash: string;
  /**
   * What tokens of this credential may do (ApiScopes). Absent in events written before scopes
   * existed: read them with `scopesOfGenerated`, which gives LegacyCredentialScopes.
   */
  readonly scopes?: readonly string[];
}

/** A new secret replaced the previous one, which stopped working at once. */
export interface ApiCredentialRegeneratedData {
  readonly accountId: string;
  readonly credentialId: string;
  readonly secretHash: string;
}

export const ApiCredentialRevocationReasons = [
  'removed-by-owner',
  'removed-by-administrator',
] as const;
export type ApiCredentialRevocationReason = (typeof ApiCredentialRevocationReasons)[number];

/** The credential stopped working for good. */
export interface ApiCredentialRevokedData {
  readonly accountId: string;
  readonly credentialId: string;
  readonly reason: ApiCredentialRevocationReason;
}

export type ApiCredentialGenerated = CredentialsEventOf<
  'ApiCredentialGenerated',
  ApiCredentialGeneratedData
>;
export type ApiCredentialRegenerated = CredentialsEventOf<
  'ApiCredentialRegenerated',
  ApiCredentialRegeneratedData
>;
export type ApiCredentialRevoked = CredentialsEventOf<
  'ApiCredentialRevoked',
  ApiCredentialRevokedData
>;

/** Every event credentials-service publishes on Topics.credentials. */
export type CredentialsEvent =
  | ApiCredentialGenerated
  | ApiCredentialRegenerated
  | ApiCredentialRevoked;
export type CredentialsEventType = CredentialsEvent['type'];

/** The scopes of a generated credential, old events included. */
export function scopesOfGenerated(
  data: Pick<ApiCredentialGeneratedData, 'scopes'>,
): readonly string[] {
  return data.scopes ?? LegacyCredentialScopes;
}
