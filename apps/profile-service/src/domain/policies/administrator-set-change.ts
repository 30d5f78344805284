import type { AccountEvent, AdministratorRemovalReason } from '@accounts/contracts';
import type { AccountState } from '../account/account-state';
import { evolveAccount } from '../account/account-state';

export type AdministratorSetChange =
  | { readonly kind: 'add'; readonly accountId: string }
  | {
      readonly kind: 'remove';
      readonly accountId: string;
      readonly reason: AdministratorRemovalReason;
    };

const isActiveAdministrator = (state: AccountState): boolean =>
  state.status === 'enabled' && state.accountType === 'administrator';

/**
 * What the organization's administrator set must record for account events just decided: the handler
 * turns it into Add/RemoveOrganizationAdministrator and appends that to `organization-<orgId>` BEFORE
 * the account events, so a refusal there (last administrator, concurrent demotion) writes nothing.
 * Not for RegisterFirstAdministrator: CreateOrganization already records the first administrator.
 */
export function administratorSetChange(
  before: AccountState,
  events: readonly AccountEvent[],
): AdministratorSetChange | null {
  const after = events.reduce(evolveAccount, before);
  if (after.status === 'none') return null;
  const was = isActiveAdministrator(before);
  const is = isActiveAdministrator(after);
  if (!was && is) return { kind: 'add', accountId: after.accountId };
  if (was && !is) {
    return {
      kind: 'remove',
      accountId: after.accountId,
      reason: after.status === 'disabled' ? 'disabled' : 'demoted',
    };
  }
  return null;
}
