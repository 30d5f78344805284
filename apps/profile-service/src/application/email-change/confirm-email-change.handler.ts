import { DomainError, handleCommand } from '@accounts/event-sourcing';
import type { EventStore } from '@accounts/event-store';
import { sha256Hex } from '@accounts/security';
import { EVENT_STORE } from '@accounts/service-kit';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  accountDecider,
  accountInActorOrganization,
  accountStreamId,
  type ConfirmEmailChange,
} from '../../domain';
import { ReadModels } from '../../projections/read-models';
import type { AccountView } from '../accounts/account-view';
import { loadCallerFacts } from '../shared/caller-facts';
import { loadHistory } from '../shared/history';
import { actorOf, eventMetadata } from '../shared/event-metadata';
import { ProfileReader } from '../shared/profile-reader';
import { ConfirmEmailChangeCommand } from './confirm-email-change.command';
import { EmailChangeGuesses } from './email-change-guesses';

/**
 * The new address becomes the account's (AccountEmailChanged with the requestId); the previous address
 * is told by auth-service's notices reactor. Wrong tokens are counted per account and per address.
 */
@CommandHandler(ConfirmEmailChangeCommand)
export class ConfirmEmailChangeHandler
  implements ICommandHandler<ConfirmEmailChangeCommand>
{
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readModels: ReadModels,
    private readonly reader: ProfileReader,
    private readonly guesses: EmailChangeGuesses,
  ) {}

  async execute({
    caller,
    token,
  }: ConfirmEmailChangeCommand): Promise<AccountView> {
    const { principal, request } = caller;
    const { accountId, orgId } = principal;
    this.guesses.assertAllowed(accountId, request.ip);
    const streamId = accountStreamId(accountId);
    const [{ organization }, { state }] = await Promise.all([
      loadCallerFacts(this.store, principal),
      loadHistory(this.store, streamId, accountDecider),
    ]);
    accountInActorOrganization(state, { orgId });
    const command: ConfirmEmailChange = {
      type: 'ConfirmEmailChange',
      data: {
        accountId,
        actor: { accountId },
        emailEditableByUsers:
          organization.status === 'created' &&
          organization.emailEditableByUsers,
        tokenSha256: sha256Hex(token),
      },
    };
    let position: number;
    try {
      const result = await handleCommand(this.store, {
        streamId,
        decider: accountDecider,
        command,
        metadata: eventMetadata(request, actorOf(principal, 'user'), orgId),
      });
      position = result.position;
    } catch (error) {
      if (
        error instanceof DomainError &&
        error.code === 'PROFILE-email-change-token-invalid'
      )
        this.guesses.failed(accountId, request.ip);
      throw error;
    }
    this.guesses.succeeded(accountId);
    await this.readModels.waitFor(position);
    return this.reader.account(accountId, orgId);
  }
}
