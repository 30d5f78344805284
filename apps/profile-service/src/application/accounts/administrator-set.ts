import type { CommandContext } from '@accounts/event-sourcing';
import { handleCommand } from '@accounts/event-sourcing';
import type { EventMetadata } from '@accounts/contracts';
import type { EventStore } from '@accounts/event-store';
import {
  type AdministratorSetChange,
  type OrganizationActor,
  type OrganizationCommand,
  organizationDecider,
  organizationStreamId,
} from '../../domain';

/**
 * Records a new, promoted, demoted, disabled or re-enabled administrator on the organization stream,
 * where "never without an administrator" is decided. Appended BEFORE the account events, so a refusal
 * writes nothing; both commands are idempotent, so a retried request converges.
 */
export async function recordAdministratorSetChange(
  store: Pick<EventStore, 'readStream' | 'append'>,
  change: AdministratorSetChange,
  actor: OrganizationActor,
  metadata: EventMetadata,
  context: CommandContext,
): Promise<void> {
  const { orgId } = actor;
  const command: OrganizationCommand =
    change.kind === 'add'
      ? { type: 'AddOrganizationAdministrator', data: { orgId, accountId: change.accountId, actor } }
      : {
          type: 'RemoveOrganizationAdministrator',
          data: { orgId, accountId: change.accountId, reason: change.reason, actor },
        };
  await handleCommand(store, {
    streamId: organizationStreamId(orgId),
    decider: organizationDecider,
    command,
    metadata,
    context,
  });
}
