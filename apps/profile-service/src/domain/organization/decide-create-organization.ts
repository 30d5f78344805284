import { OrganizationEvent, SecondFactors } from '@accounts/contracts';
import { DomainError } from '@accounts/event-sourcing';
import { parseOrganizationName } from '../values/organization-name';
import type { CreateOrganization } from './organization-commands';
import type { OrganizationState } from './organization-state';

/** Defaults of a new organization: no two-factor requirement, users edit their email, every factor allowed. */
export function decideCreateOrganization(
  command: CreateOrganization,
  state: OrganizationState,
): OrganizationEvent[] {
  const { orgId, firstAdministratorId, serverHasOrganization, bootstrapAuthorized } = command.data;
  if (serverHasOrganization && !bootstrapAuthorized) {
    throw new DomainError(
      'forbidden',
      'PROFILE-org-bootstrap-required',
      'This server already has an organization; creating another one needs the bootstrap token from the configuration',
    );
  }
  if (state.status !== 'none') {
    throw new DomainError('conflict', 'PROFILE-org-exists', `Organization ${orgId} already exists`);
  }
  const name = parseOrganizationName(command.data.name);
  return [
    {
      type: 'OrganizationCreated',
      data: {
        orgId,
        name,
        twoFactorRequired: false,
        emailEditableByUsers: true,
        allowedSecondFactors: SecondFactors,
      },
    },
    {
      type: 'OrganizationAdministratorAdded',
      data: { orgId, accountId: firstAdministratorId },
    },
  ];
}
