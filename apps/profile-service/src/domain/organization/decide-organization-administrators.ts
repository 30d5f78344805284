import type { OrganizationEvent } from '@accounts/contracts';
import { DomainError } from '@accounts/event-sourcing';
import { organizationAdministeredBy } from './organization-access';
import type {
  AddOrganizationAdministrator,
  RemoveOrganizationAdministrator,
} from './organization-commands';
import type { OrganizationState } from './organization-state';

/** Idempotent: recording an administrator already recorded appends nothing (safe handler retries). */
export function decideAddAdministrator(
  command: AddOrganizationAdministrator,
  state: OrganizationState,
): OrganizationEvent[] {
  const org = organizationAdministeredBy(state, command.data.actor);
  const { accountId } = command.data;
  if (org.administrators.includes(accountId)) return [];
  return [
    {
      type: 'OrganizationAdministratorAdded',
      data: { orgId: org.orgId, accountId },
    },
  ];
}

/**
 * 409, not 403: the caller is allowed to manage administrators, but the organization's current
 * state (one administrator left) refuses it; promoting someone else first makes it succeed.
 */
export function decideRemoveAdministrator(
  command: RemoveOrganizationAdministrator,
  state: OrganizationState,
): OrganizationEvent[] {
  const org = organizationAdministeredBy(state, command.data.actor);
  const { accountId, reason } = command.data;
  if (!org.administrators.includes(accountId)) return [];
  if (org.administrators.length === 1) {
    throw new DomainError(
      'conflict',
      'PROFILE-org-last-administrator',
      'This is the last administrator of the organization; make another account an administrator first',
    );
  }
  return [
    {
      type: 'OrganizationAdministratorRemoved',
      data: { orgId: org.orgId, accountId, reason },
    },
  ];
}
