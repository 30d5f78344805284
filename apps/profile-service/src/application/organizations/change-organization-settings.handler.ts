import { CommandRunner } from '@accounts/event-sourcing';
import type { EventStore } from '@accounts/event-store';
import { RECENT_SIGN_IN_SECONDS } from '@accounts/security';
import { EVENT_STORE } from '@accounts/service-kit';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { organizationDecider, organizationStreamId } from '../../domain';
import { loadCallerTimeZone } from '../shared/caller-facts';
import { actorOf } from '../shared/actor-of';
import { ProfileReader } from '../shared/profile-reader';
import { requiringRecentSignInFor } from '../shared/recent-sign-in';
import { ChangeOrganizationSettingsCommand } from './change-organization-settings.command';
import type { OrganizationView } from './organization-view';

/** Settings whose change weakens every account of the organization, or lets the caller do so. */
const WEAKENING = new Set([
  'OrganizationTwoFactorRequirementChanged',
  'OrganizationAllowedSecondFactorsChanged',
]);

/** One event per changed setting, appended together; the organization stream decides who may. */
@CommandHandler(ChangeOrganizationSettingsCommand)
export class ChangeOrganizationSettingsHandler
  implements ICommandHandler<ChangeOrganizationSettingsCommand>
{
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runner: CommandRunner,
    private readonly reader: ProfileReader,
    @Inject(RECENT_SIGN_IN_SECONDS) private readonly recentSignInSeconds: number,
  ) {}

  async execute({
    caller,
    orgId,
    changes,
  }: ChangeOrganizationSettingsCommand): Promise<OrganizationView> {
    const timeZone = await loadCallerTimeZone(this.store, caller);
    await this.runner.run({
      streamId: organizationStreamId(orgId),
      decider: requiringRecentSignInFor(organizationDecider, WEAKENING, {
        principal: caller,
        maxAgeSeconds: this.recentSignInSeconds,
      }),
      command: {
        type: 'ChangeOrganizationSettings',
        data: {
          ...changes,
          orgId,
          actor: { accountId: caller.accountId, orgId: caller.orgId },
        },
      },
      actor: actorOf(caller, 'admin'),
      orgId: caller.orgId,
    });
    return this.reader.organization(orgId, caller.orgId, timeZone);
  }
}
