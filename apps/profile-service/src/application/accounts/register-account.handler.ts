import { type AccountRegistered, AllGroups } from '@accounts/contracts';
import { handleCommand } from '@accounts/event-sourcing';
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
import { ReadModels } from '../../projections/read-models';
import {
  ACTIVATION_LINK_SENDER,
  type ActivationLinkSender,
  pendingActivation,
} from '../activation/activation-link-sender';
import { ActivationTokens } from '../activation/activation-token';
import { loadCallerFacts } from '../shared/caller-facts';
import { actorOf, eventMetadata } from '../shared/event-metadata';
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
    private readonly readModels: ReadModels,
    private readonly reader: ProfileReader,
  ) {}

  async execute({ caller, orgId, input }: RegisterAccountCommand): Promise<CreatedAccount> {
    const { principal } = caller;
    const context = { now: new Date() };
    const facts = await loadCallerFacts(this.store, principal);
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
        activationTokenSha256: activation.sha256, activationLinkId: activation.linkId,
      },
    };
    const events = accountDecider.decide(command, accountDecider.initialState(), context);
    const [registered] = events as [AccountRegistered];
    const administrators = administratorSetChange(accountDecider.initialState(), events);

    const metadata = eventMetadata(caller.request, actorOf(principal, 'admin'), orgId);
    const { userName } = registered.data;
    const position = await withReservedUserName(this.store, { userName, accountId, metadata }, async () => {
      if (administrators) {
        await recordAdministratorSetChange(this.store, administrators, facts.actor, metadata, context);
      }
      const result = await handleCommand(this.store, {
        streamId: accountStreamId(accountId),
        decider: accountDecider,
        command,
        metadata,
        context,
      });
      return result.position;
    });
    await this.readModels.waitFor(position);

    const account = await this.reader.account(accountId, principal.orgId, facts.timeZone);
    const delivery = await this.activationLinks.send(pendingActivation(registered.data, activation.token));
    return { ...account, ...delivery };
  }
}
