import type { OrganizationEvent } from '@accounts/contracts';
import { assertNever, Decider } from '@accounts/event-sourcing';
import { decideCreateOrganization } from './decide-create-organization';
import {
  decideAddAdministrator,
  decideRemoveAdministrator,
} from './decide-organization-administrators';
import { decideOrganizationSettings } from './decide-organization-settings';
import type { OrganizationCommand } from './organization-commands';
import {
  evolveOrganization,
  initialOrganizationState,
  OrganizationState,
} from './organization-state';

export function decideOrganization(
  command: OrganizationCommand,
  state: OrganizationState,
): OrganizationEvent[] {
  switch (command.type) {
    case 'CreateOrganization':
      return decideCreateOrganization(command, state);
    case 'ChangeOrganizationSettings':
      return decideOrganizationSettings(command, state);
    case 'AddOrganizationAdministrator':
      return decideAddAdministrator(command, state);
    case 'RemoveOrganizationAdministrator':
      return decideRemoveAdministrator(command, state);
    default:
      return assertNever(command);
  }
}

/** Stream `organization-<orgId>`. */
export const organizationDecider: Decider<
  OrganizationState,
  OrganizationCommand,
  OrganizationEvent
> = {
  decide: (command, state) => decideOrganization(command, state),
  evolve: evolveOrganization,
  initialState: initialOrganizationState,
};
