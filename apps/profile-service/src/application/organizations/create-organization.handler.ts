import type { AccountRegistered } from '@accounts/contracts';
import { CommandRunner } from '@accounts/event-sourcing';
import type { EventStore } from '@accounts/event-store';
import { EVENT_STORE, SERVICE_CONFIG } from '@accounts/service-kit';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import type { ProfileConfig } from '../../config';
import {
  accountDecider,
  accountStreamId,
  type CreateOrganization,
  organizationDecider,
  organizationStreamId,
  type RegisterFirstAdministrator,
} from '../../domain';
import {
  ACTIVATION_LINK_SENDER,
  type ActivationLinkSender,
  pendingActivation,
} from '../activation/activation-link-sender';
import { ActivationTokens } from '../activation/activation-token';
import { asNestedField } from '../shared/nested-field';
import { ProfileReader } from '../shared/profile-reader';
import { withReservedUserName } from '../shared/user-names';
import { bootstrapTokenMatches } from './bootstrap-token';
import { CreateOrganizationCommand, type CreatedOrganization } from './create-organization.command';
import { claimFirstOrganization, serverHasOrganization } from './first-organization';

/**
 * Writes in this order: user name, first-organization claim (while the server has none), organization
 * stream, account stream. Everything is decided before the first write; a failed write frees the name.
 */
@CommandHandler(CreateOrganizationCommand)
export class CreateOrganizationHandler implements ICommandHandler<CreateOrganizationCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SERVICE_CONFIG) private readonly config: ProfileConfig,
    @Inject(ACTIVATION_LINK_SENDER) private readonly activationLinks: ActivationLinkSender,
    private readonly activationTokens: ActivationTokens,
    private readonly runner: CommandRunner,
    private readonly reader: ProfileReader,
  ) {}

  async execute({
    input,
    bootstrapToken,
  }: CreateOrganizationCommand): Promise<CreatedOrganization> {
    const now = this.runner.now();
    const context = { now };
    const orgId = randomUUID();
    const accountId = randomUUID();
    const activation = this.activationTokens.issue(accountId);
    const bootstrapAuthorized = bootstrapTokenMatches(bootstrapToken, this.config.BOOTSTRAP_TOKEN);
    let hasOrganization = await serverHasOrganization(this.store);
    const createOrganization = (): CreateOrganization => ({
      type: 'CreateOrganization',
      data: {
        orgId,
        name: input.name,
        firstAdministratorId: accountId,
        serverHasOrganization: hasOrganization,
        bootstrapAuthorized,
      },
    });
    const registerAdministrator: RegisterFirstAdministrator = {
      type: 'RegisterFirstAdministrator',
      data: {
        ...input.administrator,
        accountId,
        orgId,
        activationTokenSha256: activation.sha256,
        activationLinkId: activation.linkId,
      },
    };

    organizationDecider.decide(createOrganization(), organizationDecider.initialState(), context);
    const [registered] = asNestedField('administrator', () =>
      accountDecider.decide(registerAdministrator, accountDecider.initialState(), context),
    ) as [AccountRegistered];

    // The organization's first administrator is the one creating it.
    const acting = { actor: { kind: 'admin', accountId } as const, orgId };
    const { userName } = registered.data;
    await withReservedUserName(this.runner, { userName, accountId, acting }, async () => {
      if (
        !hasOrganization &&
        !(await claimFirstOrganization(
          this.store,
          orgId,
          this.runner.metadata(acting.actor, orgId),
        ))
      ) {
        // Another first organization won the race: this one is now the second and needs the token.
        hasOrganization = true;
        organizationDecider.decide(
          createOrganization(),
          organizationDecider.initialState(),
          context,
        );
      }
      await this.runner.run({
        streamId: organizationStreamId(orgId),
        decider: organizationDecider,
        command: createOrganization(),
        ...acting,
        now,
        waitFor: false,
      });
      // Waits for the read models: the answer below reads them.
      await this.runner.run({
        streamId: accountStreamId(accountId),
        decider: accountDecider,
        command: registerAdministrator,
        ...acting,
        now,
      });
    });

    const administrator = await this.reader.account(accountId, orgId);
    const organization = await this.reader.organization(orgId, orgId, administrator.timeZone);
    const delivery = await this.activationLinks.send(
      pendingActivation(registered.data, activation.token),
    );
    return { organization, administrator: { ...administrator, ...delivery } };
  }
}
