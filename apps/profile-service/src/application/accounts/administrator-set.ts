import type { CommandRunner } from '@accounts/event-sourcing';
import {
  type AdministratorSetChange,
  type OrganizationActor,
  type OrganizationCommand,
  organizationDecider,
  organizationStreamId,
} from '../../domain';
import type { Acting } from '../shared/actor-of';

/**
 * Records a new, promoted, demoted, disabled or re-enabled administrator on the organization stream,
 * where "never without an administrator" is decided. Appended BEFORE the account events, so a refusal
 * writes nothing; both commands are idempotent, so a retried request converges.
 */
export async function recordAdministratorSetChange(
  runner: CommandRunner,
  change: AdministratorSetChange,
  actor: OrganizationActor,
  acting: Acting,
  now: Date,
): Promise<void> {
  const { orgId } = actor;
  const command: OrganizationCommand =
    change.kind === 'add'
      ? {
          type: 'AddOrganizationAdministrator',
          data: { orgId, accountId: change.accountId, actor },
        }
      : {
          type: 'RemoveOrganizationAdministrator',
          data: { orgId, accountId: change.accountId, reason: change.reason, actor },
        };
  await runner.run({
    streamId: organizationStreamId(orgId),
    decider: organizationDecider,
    command,
    ...acting,
    now,
    // The account write that follows is the one the caller reads.
    waitFor: false,
  });
}
