import { Command } from '@nestjs/cqrs';
import type { NewAccountProfile } from '../../domain';
import type { ActivationDelivery } from '../activation/activation-link-sender';
import type { AccountView } from '../accounts/account-view';
import type { OrganizationView } from './organization-view';

export interface NewOrganization {
  readonly name: string;
  readonly administrator: NewAccountProfile;
}

export interface CreatedOrganization {
  readonly organization: OrganizationView;
  readonly administrator: AccountView & ActivationDelivery;
}

/** POST /organizations: no access token; the bootstrap token (header) once the server has an organization. */
export class CreateOrganizationCommand extends Command<CreatedOrganization> {
  constructor(
    readonly input: NewOrganization,
    readonly bootstrapToken: string | undefined,
  ) {
    super();
  }
}
