import type { AccountType, GroupRestriction } from '../profile/account-types';
import type { AdministratorRemovalReason } from '../profile/organization-events';
import type { SecondFactor } from '../profile/second-factors';
import { SecondFactors } from '../profile/second-factors';
import { AccountTypes } from '../profile/account-types';
import { Topics } from '../topics';
import {
  anyText,
  bool,
  instant,
  listOf,
  object,
  oneOfValues,
  orNull,
  seconds,
  text,
  type JsonSchema,
} from './json-schema';
import type { PublicEventContract } from './public-event';

/** Public data of accounts.profile.v2. Old and new value as `from`/`to`; durations in seconds. */
export interface PublicChange<Value> {
  readonly from: Value;
  readonly to: Value;
}
interface OfOrg {
  readonly orgId: string;
}
interface OfAccount {
  readonly accountId: string;
}

export interface PublicOrganizationCreated extends OfOrg {
  readonly name: string;
  readonly twoFactorRequired: boolean;
  readonly emailEditableByUsers: boolean;
  readonly allowedSecondFactors: readonly SecondFactor[];
}
export type PublicOrganizationRenamed = OfOrg & PublicChange<string>;
export type PublicOrganizationSettingChanged = OfOrg & PublicChange<boolean>;
export type PublicOrganizationAllowedSecondFactorsChanged = OfOrg &
  PublicChange<readonly SecondFactor[]>;
export interface PublicOrganizationAdministratorAdded extends OfOrg, OfAccount {}
export interface PublicOrganizationAdministratorRemoved extends OfOrg, OfAccount {
  readonly reason: AdministratorRemovalReason;
}

/** No activation token, nor its hash: only when the link stops working (null when none was issued). */
export interface PublicAccountRegistered extends OfAccount {
  readonly orgId: string;
  readonly userName: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly mobilePhone: string | null;
  readonly timeZone: string;
  readonly sessionTimeoutSeconds: number | null;
  readonly accountType: AccountType;
  readonly groupRestriction: GroupRestriction;
  readonly activationExpiresAt: string | null;
}
export type PublicAccountChange<Value> = OfAccount & PublicChange<Value>;
export interface PublicAccountSessionTimeoutChanged extends OfAccount {
  readonly fromSeconds: number | null;
  readonly toSeconds: number | null;
}
export interface PublicAccountDisabled extends OfAccount {
  readonly reason: string | null;
}
export type PublicAccountEnabled = OfAccount;

const orgId = text('The organization');
const accountId = text('The account');
const secondFactors = listOf(oneOfValues(SecondFactors), 'In the order email, sms, authenticator');
const groupRestriction: JsonSchema = {
  description: 'Which device groups the account sees',
  anyOf: [
    object({ kind: oneOfValues(['all']) }),
    object({
      kind: oneOfValues(['groups']),
      groups: listOf(text(), 'Trimmed, unique, sorted'),
    }),
  ],
};
const change = (value: JsonSchema): Record<string, JsonSchema> => ({
  from: value,
  to: value,
});

const org = (
  type: string,
  summary: string,
  data: Record<string, JsonSchema>,
): PublicEventContract => ({
  type,
  schemaVersion: 1,
  topic: Topics.profile,
  key: 'orgId',
  summary,
  data: object({ orgId, ...data }),
});
const account = (
  type: string,
  summary: string,
  data: Record<string, JsonSchema>,
): PublicEventContract => ({
  type,
  schemaVersion: 1,
  topic: Topics.profile,
  key: 'accountId',
  summary,
  data: object({ accountId, ...data }),
});

/** Every public event type of accounts.profile.v2, at its current version. */
export const ProfilePublicContracts = {
  OrganizationCreated: org(
    'OrganizationCreated',
    'An organization was created with its settings.',
    {
      name: text(),
      twoFactorRequired: bool('Every account must use a second factor'),
      emailEditableByUsers: bool(),
      allowedSecondFactors: secondFactors,
    },
  ),
  OrganizationRenamed: org(
    'OrganizationRenamed',
    'The organization got a new name.',
    change(text()),
  ),
  OrganizationTwoFactorRequirementChanged: org(
    'OrganizationTwoFactorRequirementChanged',
    'Two-factor became required, or optional, for every account.',
    change(bool()),
  ),
  OrganizationEmailEditingChanged: org(
    'OrganizationEmailEditingChanged',
    'Users may now (or may no longer) edit their e-mail address.',
    change(bool()),
  ),
  OrganizationAllowedSecondFactorsChanged: org(
    'OrganizationAllowedSecondFactorsChanged',
    'The second factors the organization allows changed.',
    change(secondFactors),
  ),
  OrganizationAdministratorAdded: org(
    'OrganizationAdministratorAdded',
    'An account became an active administrator.',
    {
      accountId,
    },
  ),
  OrganizationAdministratorRemoved: org(
    'OrganizationAdministratorRemoved',
    'An account is no longer an active administrator (demoted or disabled).',
    { accountId, reason: oneOfValues(['demoted', 'disabled']) },
  ),
  AccountRegistered: account(
    'AccountRegistered',
    'An administrator (or the first organization) created the account.',
    {
      orgId,
      userName: text(),
      firstName: text(),
      lastName: text(),
      email: text(),
      mobilePhone: orNull(text('E.164, e.g. +33612345678')),
      timeZone: text('IANA zone, e.g. Europe/Paris'),
      sessionTimeoutSeconds: seconds('Idle time after which a session ends'),
      accountType: oneOfValues(AccountTypes),
      groupRestriction,
      activationExpiresAt: orNull(instant('When the activation link stops working')),
    },
  ),
  AccountUserNameChanged: account(
    'AccountUserNameChanged',
    'The user name changed.',
    change(text()),
  ),
  AccountFirstNameChanged: account(
    'AccountFirstNameChanged',
    'The first name changed.',
    change(text()),
  ),
  AccountLastNameChanged: account(
    'AccountLastNameChanged',
    'The last name changed.',
    change(text()),
  ),
  AccountEmailChanged: account(
    'AccountEmailChanged',
    'The e-mail address changed.',
    change(text()),
  ),
  AccountMobilePhoneChanged: account(
    'AccountMobilePhoneChanged',
    'The mobile phone changed (E.164, or null when removed).',
    change(orNull(text())),
  ),
  AccountTimeZoneChanged: account(
    'AccountTimeZoneChanged',
    'The time zone changed.',
    change(text()),
  ),
  AccountSessionTimeoutChanged: account(
    'AccountSessionTimeoutChanged',
    'The idle session timeout changed.',
    {
      fromSeconds: seconds('Before'),
      toSeconds: seconds('After'),
    },
  ),
  AccountTypeChanged: account(
    'AccountTypeChanged',
    'The account type changed.',
    change(oneOfValues(AccountTypes)),
  ),
  AccountGroupRestrictionChanged: account(
    'AccountGroupRestrictionChanged',
    'The device groups the account sees changed.',
    change(groupRestriction),
  ),
  AccountDisabled: account(
    'AccountDisabled',
    'The account was disabled: its sessions end, its API credentials stop working.',
    {
      reason: orNull(anyText()),
    },
  ),
  AccountEnabled: account('AccountEnabled', 'The account was enabled again.', {}),
} as const satisfies Record<string, PublicEventContract>;
