import type { AccountEvent } from '../profile/account-events';
import type { OrganizationEvent } from '../profile/organization-events';
import { DefaultSessionTimeout, sessionTimeoutSeconds } from '../profile/session-timeouts';
import type { UserNameEvent } from '../profile/user-name-events';
import { ProfilePublicContracts as P } from './profile-public';
import type {
  PublicAccountChange,
  PublicAccountDisabled,
  PublicAccountRegistered,
  PublicAccountSessionTimeoutChanged,
  PublicOrganizationCreated,
} from './profile-public';
import { notPublished, published, type PublicationTable } from './publication';

/** profile-service's own marker stream (`organizations-bootstrap`): not a contract event, but it is in its streams. */
export interface FirstOrganizationClaimed {
  readonly type: 'FirstOrganizationClaimed';
  readonly data: { readonly orgId: string };
}

/** Every event type in profile-service's streams. */
export type ProfileStoreEvent =
  | OrganizationEvent
  | AccountEvent
  | UserNameEvent
  | FirstOrganizationClaimed;

const accountChange = <V>(d: { accountId: string; from: V; to: V }): PublicAccountChange<V> => ({
  accountId: d.accountId,
  from: d.from,
  to: d.to,
});
const orgChange = <V>(d: { orgId: string; from: V; to: V }) => ({
  orgId: d.orgId,
  from: d.from,
  to: d.to,
});

/** profile-service's relay: internal event -> public event of accounts.profile.v2, or why not. */
export const ProfilePublication: PublicationTable<ProfileStoreEvent> = {
  OrganizationCreated: published(
    P.OrganizationCreated,
    (d): PublicOrganizationCreated => ({
      orgId: d.orgId,
      name: d.name,
      twoFactorRequired: d.twoFactorRequired,
      emailEditableByUsers: d.emailEditableByUsers,
      allowedSecondFactors: [...d.allowedSecondFactors],
    }),
  ),
  OrganizationRenamed: published(P.OrganizationRenamed, orgChange),
  OrganizationTwoFactorRequirementChanged: published(
    P.OrganizationTwoFactorRequirementChanged,
    orgChange,
  ),
  OrganizationEmailEditingChanged: published(P.OrganizationEmailEditingChanged, orgChange),
  OrganizationAllowedSecondFactorsChanged: published(
    P.OrganizationAllowedSecondFactorsChanged,
    (d) => ({
      orgId: d.orgId,
      from: [...d.from],
      to: [...d.to],
    }),
  ),
  OrganizationAdministratorAdded: published(P.OrganizationAdministratorAdded, (d) => ({
    orgId: d.orgId,
    accountId: d.accountId,
  })),
  OrganizationAdministratorRemoved: published(P.OrganizationAdministratorRemoved, (d) => ({
    orgId: d.orgId,
    accountId: d.accountId,
    reason: d.reason,
  })),
  AccountRegistered: published(
    P.AccountRegistered,
    (d): PublicAccountRegistered => ({
      accountId: d.accountId,
      orgId: d.orgId,
      userName: d.userName,
      firstName: d.firstName,
      lastName: d.lastName,
      email: d.email,
      mobilePhone: d.mobilePhone ?? null,
      timeZone: d.timeZone,
      // Tolerant of older or partial payloads: a missing setting reads as its default.
      sessionTimeoutSeconds: sessionTimeoutSeconds(d.sessionTimeout ?? DefaultSessionTimeout),
      accountType: d.accountType,
      groupRestriction:
        d.groupRestriction?.kind === 'groups'
          ? { kind: 'groups', groups: [...d.groupRestriction.groups] }
          : { kind: 'all' },
      // The token hash stays in the store: auth-service reads it from there, never from a topic.
      activationExpiresAt: d.activation?.expiresAt ?? null,
    }),
  ),
  AccountUserNameChanged: published(P.AccountUserNameChanged, accountChange),
  AccountFirstNameChanged: published(P.AccountFirstNameChanged, accountChange),
  AccountLastNameChanged: published(P.AccountLastNameChanged, accountChange),
  AccountEmailChanged: published(P.AccountEmailChanged, accountChange),
  AccountMobilePhoneChanged: published(P.AccountMobilePhoneChanged, accountChange),
  AccountTimeZoneChanged: published(P.AccountTimeZoneChanged, accountChange),
  AccountSessionTimeoutChanged: published(
    P.AccountSessionTimeoutChanged,
    (d): PublicAccountSessionTimeoutChanged => ({
      accountId: d.accountId,
      fromSeconds: sessionTimeoutSeconds(d.from),
      toSeconds: sessionTimeoutSeconds(d.to),
    }),
  ),
  AccountTypeChanged: published(P.AccountTypeChanged, accountChange),
  AccountGroupRestrictionChanged: published(P.AccountGroupRestrictionChanged, accountChange),
  AccountDisabled: published(
    P.AccountDisabled,
    (d): PublicAccountDisabled => ({
      accountId: d.accountId,
      reason: d.reason ?? null,
    }),
  ),
  AccountEnabled: published(P.AccountEnabled, (d) => ({
    accountId: d.accountId,
  })),
  UserNameReserved: notPublished(
    'Uniqueness mechanism of user names (one stream per name); AccountRegistered and AccountUserNameChanged say which account has which name.',
  ),
  UserNameReleased: notPublished(
    'Uniqueness mechanism of user names; AccountUserNameChanged says the old name was given up.',
  ),
  AccountActivationReissued: notPublished(
    'Carries the hash of the new activation link; the account itself did not change (AccountRegistered stays its public record).',
  ),
  AccountEmailChangeRequested: notPublished(
    "Personal data of an address not proven to be the person's (it may be mistyped or someone else's), and the hash of its confirmation link; AccountEmailChanged is published once the link is used.",
  ),
  AccountEmailChangeCancelled: notPublished(
    'Withdraws an unpublished request; the account did not change.',
  ),
  FirstOrganizationClaimed: notPublished(
    'Race guard for the first organization; OrganizationCreated is the fact.',
  ),
};
