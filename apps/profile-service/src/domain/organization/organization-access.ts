import { DomainError } from '@accounts/event-sourcing';
import type { OrganizationActor } from '../shared/actor';
import type { Organization, OrganizationState } from './organization-state';

/**
 * The organization, as seen by one of its administrators. Another organization's caller gets
 * not_found, exactly as for an organization that does not exist, so existence never leaks.
 */
export function organizationAdministeredBy(
  state: OrganizationState,
  actor: OrganizationActor,
): Organization {
  if (state.status === 'none' || actor.orgId !== state.orgId) {
    throw new DomainError('not_found', 'PROFILE-org-not-found', 'Organization not found');
  }
  if (!state.administrators.includes(actor.accountId)) {
    throw new DomainError(
      'forbidden',
      'PROFILE-org-admin-required',
      'Only an administrator of your organization can do this',
    );
  }
  return state;
}
