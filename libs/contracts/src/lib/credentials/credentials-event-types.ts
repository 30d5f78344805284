import type { CredentialsEventType } from './api-credential-events';

/** Stream `apicredentials-<accountId>`: one ApiCredentials aggregate per account. */
export const ApiCredentialsStreamPrefix = 'apicredentials-';

export const apiCredentialsStreamId = (accountId: string): string =>
  `${ApiCredentialsStreamPrefix}${accountId}`;

/** Event type names, for `switch (envelope.type)` in consumers without string typos. */
export const CredentialsEventTypes = {
  ApiCredentialGenerated: 'ApiCredentialGenerated',
  ApiCredentialRegenerated: 'ApiCredentialRegenerated',
  ApiCredentialRevoked: 'ApiCredentialRevoked',
} as const satisfies { [T in CredentialsEventType]: T };

/** Current schemaVersion written in the envelope of each type; bump it and add an upcaster on change. */
export const CredentialsEventSchemaVersions: { readonly [T in CredentialsEventType]: number } = {
  ApiCredentialGenerated: 1,
  ApiCredentialRegenerated: 1,
  ApiCredentialRevoked: 1,
};

/** True for a type name this version of the contracts knows (consumers skip unknown types). */
export function isCredentialsEventType(type: string): type is CredentialsEventType {
  return Object.prototype.hasOwnProperty.call(CredentialsEventTypes, type);
}
