import { Command } from '@nestjs/cqrs';
import type { Principal } from '@accounts/security';
import type { OrganizationView } from './organization-view';

/** Absent fields stay as they are. */
export interface OrganizationSettingsChanges {
  readonly name?: string;
  readonly twoFactorRequired?: boolean;
  readonly emailEditableByUsers?: boolean;
  readonly allowedSecondFactors?: readonly string[];
}

/** PUT /organizations/:orgId/settings, by an administrator of that organization. */
export class ChangeOrganizationSettingsCommand extends Command<OrganizationView> {
  constructor(
    readonly caller: Principal,
    readonly orgId: string,
    readonly changes: OrganizationSettingsChanges,
  ) {
    super();
  }
}
