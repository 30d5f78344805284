import { handleCommand } from '@accounts/event-sourcing';
import type { EventStore } from '@accounts/event-store';
import { EVENT_STORE } from '@accounts/service-kit';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { accountDecider, accountStreamId } from '../../domain';
import type { Caller } from '../shared/caller';
import { loadCallerFacts } from '../shared/caller-facts';
import { actorOf, eventMetadata } from '../shared/event-metadata';
import { loadHistory } from '../shared/history';
import {
  type ActivationDelivery,
  ACTIVATION_LINK_SENDER,
  type ActivationLinkSender,
} from './activation-link-sender';
import { ActivationTokens } from './activation-token';

export interface ReissuedActivation extends ActivationDelivery {
  readonly accountId: string;
  readonly activationExpiresAt: string;
}

/** POST /accounts/:id/activation by another administrator of the organization. */
export class ReissueActivationCommand extends Command<ReissuedActivation> {
  constructor(
    readonly caller: Caller,
    readonly accountId: string,
  ) {
    super();
  }
}

/** A new link (derived like the first one); auth-service emails it and forgets the previous one. */
@CommandHandler(ReissueActivationCommand)
export class ReissueActivationHandler
  implements ICommandHandler<ReissueActivationCommand>
{
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ACTIVATION_LINK_SENDER)
    private readonly activationLinks: ActivationLinkSender,
    private readonly activationTokens: ActivationTokens,
  ) {}

  async execute({
    caller,
    accountId,
  }: ReissueActivationCommand): Promise<ReissuedActivation> {
    const { principal } = caller;
    const streamId = accountStreamId(accountId);
    const [facts, { state }] = await Promise.all([
      loadCallerFacts(this.store, principal),
      loadHistory(this.store, streamId, accountDecider),
    ]);
    const activation = this.activationTokens.issue(accountId);
    const result = await handleCommand(this.store, {
      streamId,
      decider: accountDecider,
      command: {
        type: 'ReissueActivation',
        data: {
          accountId,
          actor: facts.actor,
          activationTokenSha256: activation.sha256,
          activationLinkId: activation.linkId,
        },
      },
      metadata: eventMetadata(
        caller.request,
        actorOf(principal, 'admin'),
        principal.orgId,
      ),
      context: { now: new Date() },
    });
    const reissued = result.appended.find(
      (e) => e.type === 'AccountActivationReissued',
    );
    const expiresAt = (reissued?.data as { activation: { expiresAt: string } })
      .activation.expiresAt;
    const account = state.status === 'none' ? null : state;
    const delivery = account
      ? await this.activationLinks.send({
          accountId,
          orgId: account.orgId,
          userName: account.userName,
          email: account.email,
          token: activation.token,
          expiresAt,
        })
      : {};
    return { accountId, activationExpiresAt: expiresAt, ...delivery };
  }
}
