import { CommandRunner } from '@accounts/event-sourcing';
import type { EventStore } from '@accounts/event-store';
import { EVENT_STORE } from '@accounts/service-kit';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { accountDecider, accountInActorOrganization, accountStreamId } from '../../domain';
import type { AccountView } from '../accounts/account-view';
import { actorOf } from '../shared/actor-of';
import { loadHistory } from '../shared/history';
import { ProfileReader } from '../shared/profile-reader';
import { CancelEmailChangeCommand } from './confirm-email-change.command';

/** The pending change is withdrawn: its link stops working; the current address stays. */
@CommandHandler(CancelEmailChangeCommand)
export class CancelEmailChangeHandler implements ICommandHandler<CancelEmailChangeCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runner: CommandRunner,
    private readonly reader: ProfileReader,
  ) {}

  async execute({ caller }: CancelEmailChangeCommand): Promise<AccountView> {
    const { accountId, orgId } = caller;
    const streamId = accountStreamId(accountId);
    accountInActorOrganization((await loadHistory(this.store, streamId, accountDecider)).state, {
      orgId,
    });
    await this.runner.run({
      streamId,
      decider: accountDecider,
      command: {
        type: 'CancelEmailChange',
        data: { accountId, actor: { accountId } },
      },
      actor: actorOf(caller, 'user'),
      orgId,
    });
    return this.reader.account(accountId, orgId);
  }
}
