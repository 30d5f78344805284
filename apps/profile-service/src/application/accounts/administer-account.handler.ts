import { assertNever, CommandRunner } from '@accounts/event-sourcing';
import type { EventStore } from '@accounts/event-store';
import { EVENT_STORE } from '@accounts/service-kit';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  type AccountCommand,
  accountDecider,
  accountStreamId,
  type ActorFacts,
  administratorSetChange,
} from '../../domain';
import { loadCallerFacts } from '../shared/caller-facts';
import { actorOf } from '../shared/actor-of';
import { loadHistory } from '../shared/history';
import { ProfileReader } from '../shared/profile-reader';
import { type AccountAdministration, AdministerAccountCommand } from './administer-account.command';
import type { AccountView } from './account-view';
import { recordAdministratorSetChange } from './administrator-set';

/**
 * Decides on the account stream; when the organization's set of administrators changes (promotion,
 * demotion, disabling or enabling an administrator) that is appended to the organization stream first,
 * where the last administrator is protected.
 */
@CommandHandler(AdministerAccountCommand)
export class AdministerAccountHandler implements ICommandHandler<AdministerAccountCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runner: CommandRunner,
    private readonly reader: ProfileReader,
  ) {}

  async execute({ caller, accountId, change }: AdministerAccountCommand): Promise<AccountView> {
    const now = this.runner.now();
    const context = { now };
    const streamId = accountStreamId(accountId);
    const [facts, { state }] = await Promise.all([
      loadCallerFacts(this.store, caller),
      loadHistory(this.store, streamId, accountDecider),
    ]);
    const command = toAccountCommand(change, accountId, facts.actor);
    const administrators = administratorSetChange(
      state,
      accountDecider.decide(command, state, context),
    );
    const acting = { actor: actorOf(caller, 'admin'), orgId: caller.orgId };
    if (administrators) {
      await recordAdministratorSetChange(this.runner, administrators, facts.actor, acting, now);
    }
    await this.runner.run({ streamId, decider: accountDecider, command, ...acting, now });
    return this.reader.account(accountId, caller.orgId, facts.timeZone);
  }
}

function toAccountCommand(
  change: AccountAdministration,
  accountId: string,
  actor: ActorFacts,
): AccountCommand {
  switch (change.kind) {
    case 'accountType':
      return {
        type: 'ChangeAccountType',
        data: { accountId, actor, accountType: change.accountType },
      };
    case 'groupRestriction':
      return {
        type: 'ChangeGroupRestriction',
        data: { accountId, actor, groupRestriction: change.groupRestriction },
      };
    case 'disable':
      return { type: 'DisableAccount', data: { accountId, actor, reason: change.reason } };
    case 'enable':
      return { type: 'EnableAccount', data: { accountId, actor } };
    default:
      return assertNever(change);
  }
}
