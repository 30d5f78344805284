import { AuditEventSchemaVersions } from '../audit/audit-events';
import { AuthenticationEventSchemaVersions } from '../authentication/authentication-event-types';
import { CredentialsEventSchemaVersions } from '../credentials/credentials-event-types';
import { ProfileEventSchemaVersions } from '../profile/profile-event-types';

/**
 * The store events of each service, for the JSON Schemas of libs/contracts/schemas/internal: the
 * TypeScript union that lists them (the schemas are generated from it by tools/internal-event-schemas.ts),
 * the current schemaVersion of each type, and the data type of every earlier version still in stores.
 */
export interface InternalEventGroup {
  readonly group: string;
  /** Name of the exported union type of `{ type, data }` in libs/contracts. */
  readonly union: string;
  readonly versions: { readonly [type: string]: number };
  /** Earlier versions: type -> version -> name of the exported data type of that version. */
  readonly earlier?: {
    readonly [type: string]: { readonly [version: number]: string };
  };
}

export const InternalEventCatalog: readonly InternalEventGroup[] = [
  // FirstOrganizationClaimed (profile-service's race guard) has no versions entry: it is v1.
  {
    group: 'profile',
    union: 'ProfileStoreEvent',
    versions: { ...ProfileEventSchemaVersions, FirstOrganizationClaimed: 1 },
  },
  {
    group: 'authentication',
    union: 'AuthenticationEvent',
    versions: AuthenticationEventSchemaVersions,
  },
  {
    group: 'credentials',
    union: 'CredentialsEvent',
    versions: CredentialsEventSchemaVersions,
  },
  {
    group: 'audit',
    union: 'AuditEvent',
    versions: AuditEventSchemaVersions,
    earlier: { AuditSealed: { 1: 'AuditSealedDataV1' } },
  },
];

/** Where the committed schema of an internal (type, version) lives, relative to libs/contracts/schemas/. */
export const internalSchemaFileOf = (group: string, type: string, version: number): string =>
  `internal/${group}/${type}.v${version}.schema.json`;
