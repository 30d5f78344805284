import { CommandRunner, firstEventOf } from '@accounts/event-sourcing';
import type { EventStore } from '@accounts/event-store';
import { EVENT_STORE } from '@accounts/service-kit';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { accountDecider, accountStreamId } from '../../domain';
import { loadCallerFacts } from '../shared/caller-facts';
import { actorOf } from '../shared/actor-of';
import { loadHistory } from '../shared/history';
import { ACTIVATION_LINK_SENDER, type ActivationLinkSender } from './activation-link-sender';
import { ActivationTokens } from './activation-token';
import { type ReissuedActivation, ReissueActivationCommand } from './reissue-activation.command';

/** A new link (derived like the first one); auth-service emails it and forgets the previous one. */
@CommandHandler(ReissueActivationCommand)
export class ReissueActivationHandler implements ICommandHandler<ReissueActivationCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ACTIVATION_LINK_SENDER)
    private readonly activationLinks: ActivationLinkSender,
    private readonly activationTokens: ActivationTokens,
    private readonly runner: CommandRunner,
  ) {}

  async execute({ caller, accountId }: ReissueActivationCommand): Promise<ReissuedActivation> {
    const streamId = accountStreamId(accountId);
    const [facts, { state }] = await Promise.all([
      loadCallerFacts(this.store, caller),
      loadHistory(this.store, streamId, accountDecider),
    ]);
    const activation = this.activationTokens.issue(accountId);
    const result = await this.runner.run({
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
      actor: actorOf(caller, 'admin'),
      orgId: caller.orgId,
    });
    const reissued = firstEventOf(result.appended, 'AccountActivationReissued');
    if (!reissued) throw new Error('ReissueActivation neither refused nor reissued');
    const expiresAt = reissued.data.activation.expiresAt;
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
