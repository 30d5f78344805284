import { type AccountRegistered, AllGroups } from '@accounts/contracts';
import { CommandRunner } from '@accounts/event-sourcing';
import type { EventStore } from '@accounts/event-store';
import { EVENT_STORE } from '@accounts/service-kit';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import {
  accountDecider,
  accountStreamId,
  administratorSetChange,
  type RegisterAccount,
} from '../../domain';
import {
  ACTIVATION_LINK_SENDER,
  type ActivationLinkSender,
  pendingActivation,
} from '../activation/activation-link-sender';
import { ActivationTokens } from '../activation/activation-token';
import { loadCallerFacts } from '../shared/caller-facts';
import { actorOf } from '../shared/actor-of';
import { ProfileReader } from '../shared/profile-reader';
import { withReservedUserName } from '../shared/user-names';
import { recordAdministratorSetChange } from './administrator-set';
import { type CreatedAccount, RegisterAccountCommand } from './register-account.command';

/** Writes in this order: user name, organization (a new administrator), account. */
@CommandHandler(RegisterAccountCommand)
export class RegisterAccountHandler implements ICommandHandler<RegisterAccountCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ACTIVATION_LINK_SENDER) private readonly activationLinks: ActivationLinkSender,
    private readonly activationTokens: ActivationTokens,
    private readonly runner: CommandRunner,
    private readonly reader: ProfileReader,
  ) {}

  async execute({ caller, orgId, input }: RegisterAccountCommand): Promise<CreatedAccount> {
    const now = this.runner.now();
    const context = { now };
    const facts = await loadCallerFacts(this.store, caller);
    const accountId = randomUUID();
    const activation = this.activationTokens.issue(accountId);
    const command: RegisterAccount = {
      type: 'RegisterAccount',
      data: {
        ...input,
        groupRestriction: input.groupRestriction ?? AllGroups,
        accountId,
        orgId,
        actor: facts.actor,
        activationTokenSha256: activation.sha256,
        activationLinkId: activation.linkId,
      },
    };
    const events = accountDecider.decide(command, accountDecider.initialState(), context);
    const [registered] = events as [AccountRegistered];
    const administrators = administratorSetChange(accountDecider.initialState(), events);

    const acting = { actor: actorOf(caller, 'admin'), orgId };
    const { userName } = registered.data;
    await withReservedUserName(this.runner, { userName, accountId, acting }, async () => {
      if (administrators) {
        await recordAdministratorSetChange(this.runner, administrators, facts.actor, acting, now);
      }
      // Waits for the read models: the answer below reads them.
      await this.runner.run({
        streamId: accountStreamId(accountId),
        decider: accountDecider,
        command,
        ...acting,
        now,
      });
    });

    const account = await this.reader.account(accountId, caller.orgId, facts.timeZone);
    const delivery = await this.activationLinks.send(
      pendingActivation(registered.data, activation.token),
    );
    return { ...account, ...delivery };
  }
}
