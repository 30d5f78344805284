import type { Change, ProfileEventOf } from './event-shape';
import type { SecondFactor } from './second-factors';

/** Stream `organization-<orgId>`. Every payload names its orgId so consumers need no stream parsing. */
export interface OrganizationCreatedData {
  readonly orgId: string;
  readonly name: string;
  readonly twoFactorRequired: boolean;
  readonly emailEditableByUsers: boolean;
  readonly allowedSecondFactors: readonly SecondFactor[];
}

export interface OrganizationRenamedData extends Change<string> {
  readonly orgId: string;
}

export interface OrganizationTwoFactorRequirementChangedData extends Change<boolean> {
  readonly orgId: string;
}

export interface OrganizationEmailEditingChangedData extends Change<boolean> {
  readonly orgId: string;
}

/** `from`/`to` are listed in the order of SecondFactors. */
export interface OrganizationAllowedSecondFactorsChangedData
  extends Change<readonly SecondFactor[]> {
  readonly orgId: string;
}

/**
 * The organization's set of active (enabled) administrators lives on the organization stream so that
 * "never without an administrator" is decided on one stream, under its expected revision.
 */
export interface OrganizationAdministratorAddedData {
  readonly orgId: string;
  readonly accountId: string;
}

export type AdministratorRemovalReason = 'demoted' | 'disabled';

export interface OrganizationAdministratorRemovedData {
  readonly orgId: string;
  readonly accountId: string;
  readonly reason: AdministratorRemovalReason;
}

export type OrganizationCreated = ProfileEventOf<'OrganizationCreated', OrganizationCreatedData>;
export type OrganizationRenamed = ProfileEventOf<'OrganizationRenamed', OrganizationRenamedData>;
export type OrganizationTwoFactorRequirementChanged = ProfileEventOf<
  'OrganizationTwoFactorRequirementChanged',
  OrganizationTwoFactorRequirementChangedData
>;
export type OrganizationEmailEditingChanged = ProfileEventOf<
  'OrganizationEmailEditingChanged',
  OrganizationEmailEditingChangedData
>;
export type OrganizationAllowedSecondFactorsChanged = ProfileEventOf<
  'OrganizationAllowedSecondFactorsChanged',
  OrganizationAllowedSecondFactorsChangedData
>;
export type OrganizationAdministratorAdded = ProfileEventOf<
  'OrganizationAdministratorAdded',
  OrganizationAdministratorAddedData
>;
export type OrganizationAdministratorRemoved = ProfileEventOf<
  'OrganizationAdministratorRemoved',
  OrganizationAdministratorRemovedData
>;

export type OrganizationEvent =
  | OrganizationCreated
  | OrganizationRenamed
  | OrganizationTwoFactorRequirementChanged
  | OrganizationEmailEditingChanged
  | OrganizationAllowedSecondFactorsChanged
  | OrganizationAdministratorAdded
  | OrganizationAdministratorRemoved;
