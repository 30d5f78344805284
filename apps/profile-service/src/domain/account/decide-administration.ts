import type { AccountEvent } from '@accounts/contracts';
import { parseAccountType } from '../values/account-type';
import { parseGroupRestriction, sameGroupRestriction } from '../values/group-restriction';
import { accountAdministeredBy, requireEnabled } from './account-access';
import type {
  ChangeAccountType,
  ChangeGroupRestriction,
  DisableAccount,
  EnableAccount,
} from './account-commands';
import type { AccountState } from './account-state';

/*
 * These rules decide on the account stream alone. Whether the organization keeps an administrator is
 * decided on the organization stream (RemoveOrganizationAdministrator), which the handler appends
 * first whenever an administrator is demoted or disabled.
 */

export function decideChangeAccountType(
  command: ChangeAccountType,
  state: AccountState,
): AccountEvent[] {
  const account = accountAdministeredBy(state, command.data.actor, {
    code: 'PROFILE-own-account-type',
    message: 'Another administrator of your organization must change your account type',
  });
  const accountType = parseAccountType(command.data.accountType);
  requireEnabled(account);
  if (accountType === account.accountType) return [];
  const data = {
    accountId: account.accountId,
    from: account.accountType,
    to: accountType,
  };
  return [{ type: 'AccountTypeChanged', data }];
}

export function decideChangeGroupRestriction(
  command: ChangeGroupRestriction,
  state: AccountState,
): AccountEvent[] {
  const account = accountAdministeredBy(state, command.data.actor, {
    code: 'PROFILE-own-group-restriction',
    message: 'Another administrator of your organization must change your group restriction',
  });
  const groupRestriction = parseGroupRestriction(command.data.groupRestriction);
  requireEnabled(account);
  if (sameGroupRestriction(groupRestriction, account.groupRestriction)) return [];
  const data = {
    accountId: account.accountId,
    from: account.groupRestriction,
    to: groupRestriction,
  };
  return [{ type: 'AccountGroupRestrictionChanged', data }];
}

export function decideDisableAccount(command: DisableAccount, state: AccountState): AccountEvent[] {
  const account = accountAdministeredBy(state, command.data.actor, {
    code: 'PROFILE-own-account-disable',
    message: 'Another administrator of your organization must disable your account',
  });
  if (account.status === 'disabled') return [];
  const reason = command.data.reason?.trim();
  return [
    {
      type: 'AccountDisabled',
      data: { accountId: account.accountId, ...(reason ? { reason } : {}) },
    },
  ];
}

export function decideEnableAccount(command: EnableAccount, state: AccountState): AccountEvent[] {
  const account = accountAdministeredBy(state, command.data.actor, {
    code: 'PROFILE-own-account-enable',
    message: 'Another administrator of your organization must enable your account',
  });
  if (account.status === 'enabled') return [];
  return [{ type: 'AccountEnabled', data: { accountId: account.accountId } }];
}
