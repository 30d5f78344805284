import type { OrganizationEvent, SecondFactor } from '@accounts/contracts';
import { tolerateUnknownEvent } from '@accounts/event-sourcing';

export interface Organization {
  readonly status: 'created';
  readonly orgId: string;
  readonly name: string;
  readonly twoFactorRequired: boolean;
  readonly emailEditableByUsers: boolean;
  readonly allowedSecondFactors: readonly SecondFactor[];
  /** Enabled administrators' accountIds: the one place "never without an administrator" is decided. */
  readonly administrators: readonly string[];
}

export type OrganizationState = { readonly status: 'none' } | Organization;

export const initialOrganizationState = (): OrganizationState => ({
  status: 'none',
});

export function evolveOrganization(
  state: OrganizationState,
  event: OrganizationEvent,
): OrganizationState {
  if (event.type === 'OrganizationCreated') {
    return { status: 'created', ...event.data, administrators: [] };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'OrganizationRenamed':
      return { ...state, name: event.data.to };
    case 'OrganizationTwoFactorRequirementChanged':
      return { ...state, twoFactorRequired: event.data.to };
    case 'OrganizationEmailEditingChanged':
      return { ...state, emailEditableByUsers: event.data.to };
    case 'OrganizationAllowedSecondFactorsChanged':
      return { ...state, allowedSecondFactors: event.data.to };
    case 'OrganizationAdministratorAdded':
      return {
        ...state,
        administrators: [...state.administrators, event.data.accountId],
      };
    case 'OrganizationAdministratorRemoved':
      return {
        ...state,
        administrators: state.administrators.filter((id) => id !== event.data.accountId),
      };
    default:
      return tolerateUnknownEvent(event, state);
  }
}
