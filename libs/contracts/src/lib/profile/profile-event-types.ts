import type { AccountEvent } from './account-events';
import type { OrganizationEvent } from './organization-events';
import type { UserNameEvent } from './user-name-events';

/** Every event profile-service publishes on Topics.profile. */
export type ProfileEvent = OrganizationEvent | AccountEvent | UserNameEvent;
export type ProfileEventType = ProfileEvent['type'];

/** Event type names, for `switch (envelope.type)` in consumers without string typos. */
export const ProfileEventTypes = {
  OrganizationCreated: 'OrganizationCreated',
  OrganizationRenamed: 'OrganizationRenamed',
  OrganizationTwoFactorRequirementChanged: 'OrganizationTwoFactorRequirementChanged',
  OrganizationEmailEditingChanged: 'OrganizationEmailEditingChanged',
  OrganizationAllowedSecondFactorsChanged: 'OrganizationAllowedSecondFactorsChanged',
  OrganizationAdministratorAdded: 'OrganizationAdministratorAdded',
  OrganizationAdministratorRemoved: 'OrganizationAdministratorRemoved',
  AccountRegistered: 'AccountRegistered',
  AccountUserNameChanged: 'AccountUserNameChanged',
  AccountFirstNameChanged: 'AccountFirstNameChanged',
  AccountLastNameChanged: 'AccountLastNameChanged',
  AccountEmailChanged: 'AccountEmailChanged',
  AccountEmailChangeRequested: 'AccountEmailChangeRequested',
  AccountEmailChangeCancelled: 'AccountEmailChangeCancelled',
  AccountMobilePhoneChanged: 'AccountMobilePhoneChanged',
  AccountTimeZoneChanged: 'AccountTimeZoneChanged',
  AccountSessionTimeoutChanged: 'AccountSessionTimeoutChanged',
  AccountTypeChanged: 'AccountTypeChanged',
  AccountGroupRestrictionChanged: 'AccountGroupRestrictionChanged',
  AccountDisabled: 'AccountDisabled',
  AccountEnabled: 'AccountEnabled',
  AccountActivationReissued: 'AccountActivationReissued',
  UserNameReserved: 'UserNameReserved',
  UserNameReleased: 'UserNameReleased',
} as const satisfies { [T in ProfileEventType]: T };

/** Current schemaVersion written in the envelope of each type; bump it and add an upcaster on change. */
export const ProfileEventSchemaVersions: {
  readonly [T in ProfileEventType]: number;
} = {
  OrganizationCreated: 1,
  OrganizationRenamed: 1,
  OrganizationTwoFactorRequirementChanged: 1,
  OrganizationEmailEditingChanged: 1,
  OrganizationAllowedSecondFactorsChanged: 1,
  OrganizationAdministratorAdded: 1,
  OrganizationAdministratorRemoved: 1,
  AccountRegistered: 1,
  AccountUserNameChanged: 1,
  AccountFirstNameChanged: 1,
  AccountLastNameChanged: 1,
  AccountEmailChanged: 1,
  AccountEmailChangeRequested: 1,
  AccountEmailChangeCancelled: 1,
  AccountMobilePhoneChanged: 1,
  AccountTimeZoneChanged: 1,
  AccountSessionTimeoutChanged: 1,
  AccountTypeChanged: 1,
  AccountGroupRestrictionChanged: 1,
  AccountDisabled: 1,
  AccountEnabled: 1,
  AccountActivationReissued: 1,
  UserNameReserved: 1,
  UserNameReleased: 1,
};

/** True for a type name this version of the contracts knows (consumers skip unknown types). */
export function isProfileEventType(type: string): type is ProfileEventType {
  return Object.prototype.hasOwnProperty.call(ProfileEventTypes, type);
}

/** Stream id prefixes of profile-service, for subscriptions filtered by `streamPrefixes`. */
export const ProfileStreamPrefixes = {
  account: 'account-',
  organization: 'organization-',
  userName: 'username-',
} as const;
