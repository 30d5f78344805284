import { handleCommand } from '@accounts/event-sourcing';
import type { EventStore } from '@accounts/event-store';
import { EVENT_STORE } from '@accounts/service-kit';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { organizationDecider, organizationStreamId } from '../../domain';
import { loadCallerTimeZone } from '../shared/caller-facts';
import { actorOf, eventMetadata } from '../shared/event-metadata';
import { ProfileReader } from '../shared/profile-reader';
import { ChangeOrganizationSettingsCommand } from './change-organization-settings.command';
import type { OrganizationView } from './organization-view';

/** One event per changed setting, appended together; the organization stream decides who may. */
@CommandHandler(ChangeOrganizationSettingsCommand)
export class ChangeOrganizationSettingsHandler implements ICommandHandler<ChangeOrganizationSettingsCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly reader: ProfileReader,
  ) {}

  async execute({ caller, orgId, changes }: ChangeOrganizationSettingsCommand): Promise<OrganizationView> {
    const { principal } = caller;
    const timeZone = await loadCallerTimeZone(this.store, principal);
    await handleCommand(this.store, {
      streamId: organizationStreamId(orgId),
      decider: organizationDecider,
      command: {
        type: 'ChangeOrganizationSettings',
        data: { ...changes, orgId, actor: { accountId: principal.accountId, orgId: principal.orgId } },
      },
      metadata: eventMetadata(caller.request, actorOf(principal, 'admin'), principal.orgId),
    });
    return this.reader.organization(orgId, principal.orgId, timeZone);
  }
}
