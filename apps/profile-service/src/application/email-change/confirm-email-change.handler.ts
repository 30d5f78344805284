import { CommandRunner, DomainError } from '@accounts/event-sourcing';
import type { EventStore } from '@accounts/event-store';
import { sha256Hex } from '@accounts/security';
import { currentRequestContext, EVENT_STORE } from '@accounts/service-kit';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  accountDecider,
  accountInActorOrganization,
  accountStreamId,
  type ConfirmEmailChange,
} from '../../domain';
import type { AccountView } from '../accounts/account-view';
import { loadCallerFacts } from '../shared/caller-facts';
import { loadHistory } from '../shared/history';
import { actorOf } from '../shared/actor-of';
import { ProfileReader } from '../shared/profile-reader';
import { ConfirmEmailChangeCommand } from './confirm-email-change.command';
import { EmailChangeGuesses } from './email-change-guesses';

/**
 * The new address becomes the account's (AccountEmailChanged with the requestId); the previous address
 * is told by auth-service's notices reactor. Wrong tokens are counted per account and per address.
 */
@CommandHandler(ConfirmEmailChangeCommand)
export class ConfirmEmailChangeHandler implements ICommandHandler<ConfirmEmailChangeCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runner: CommandRunner,
    private readonly reader: ProfileReader,
    private readonly guesses: EmailChangeGuesses,
  ) {}

  async execute({ caller, token }: ConfirmEmailChangeCommand): Promise<AccountView> {
    const { accountId, orgId } = caller;
    // The client address from the request context, where the CommandRunner takes the metadata's.
    const ip = currentRequestContext()?.ip;
    this.guesses.assertAllowed({ accountId, ip });
    const streamId = accountStreamId(accountId);
    const [{ organization }, { state }] = await Promise.all([
      loadCallerFacts(this.store, caller),
      loadHistory(this.store, streamId, accountDecider),
    ]);
    accountInActorOrganization(state, { orgId });
    const command: ConfirmEmailChange = {
      type: 'ConfirmEmailChange',
      data: {
        accountId,
        actor: { accountId },
        emailEditableByUsers:
          organization.status === 'created' && organization.emailEditableByUsers,
        tokenSha256: sha256Hex(token),
      },
    };
    try {
      await this.runner.run({
        streamId,
        decider: accountDecider,
        command,
        actor: actorOf(caller, 'user'),
        orgId,
      });
    } catch (error) {
      if (error instanceof DomainError && error.code === 'PROFILE-email-change-token-invalid')
        this.guesses.failed({ accountId, ip });
      throw error;
    }
    this.guesses.succeeded(accountId);
    return this.reader.account(accountId, orgId);
  }
}
