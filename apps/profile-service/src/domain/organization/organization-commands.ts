import type { AdministratorRemovalReason } from '@accounts/contracts';
import type { Message } from '@accounts/event-sourcing';
import type { OrganizationActor } from '../shared/actor';

/**
 * POST /organizations. The handler compares the bootstrap token and tells whether the server already
 * has an organization; the decider applies the rule.
 */
export type CreateOrganization = Message<
  'CreateOrganization',
  {
    readonly orgId: string;
    readonly name: string;
    readonly firstAdministratorId: string;
    readonly serverHasOrganization: boolean;
    readonly bootstrapAuthorized: boolean;
  }
>;

/** PUT /organizations/:orgId/settings. Absent fields are left as they are. */
export type ChangeOrganizationSettings = Message<
  'ChangeOrganizationSettings',
  {
    readonly orgId: string;
    readonly actor: OrganizationActor;
    readonly name?: string;
    readonly twoFactorRequired?: boolean;
    readonly emailEditableByUsers?: boolean;
    readonly allowedSecondFactors?: readonly string[];
  }
>;

/** Records an enabled administrator: a new admin account, a promotion, or an admin re-enabled. */
export type AddOrganizationAdministrator = Message<
  'AddOrganizationAdministrator',
  {
    readonly orgId: string;
    readonly accountId: string;
    readonly actor: OrganizationActor;
  }
>;

/** An administrator demoted or disabled; refused when it would leave the organization without one. */
export type RemoveOrganizationAdministrator = Message<
  'RemoveOrganizationAdministrator',
  {
    readonly orgId: string;
    readonly accountId: string;
    readonly reason: AdministratorRemovalReason;
    readonly actor: OrganizationActor;
  }
>;

export type OrganizationCommand =
  | CreateOrganization
  | ChangeOrganizationSettings
  | AddOrganizationAdministrator
  | RemoveOrganizationAdministrator;
