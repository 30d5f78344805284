import { DomainError } from '@accounts/event-sourcing';
import type { ActorFacts } from '../shared/actor';
import type { Account, AccountState } from './account-state';

/** A missing account and another organization's account look the same, so existence never leaks. */
export function accountInActorOrganization(
  state: AccountState,
  actor: Pick<ActorFacts, 'orgId'>,
): Account {
  if (state.status === 'none' || state.orgId !== actor.orgId) {
    throw new DomainError('not_found', 'PROFILE-account-not-found', 'Account not found');
  }
  return state;
}

/** An administrator acting on another account of their organization. */
export function accountAdministeredBy(
  state: AccountState,
  actor: ActorFacts,
  onOwnAccount: { readonly code: string; readonly message: string },
): Account {
  const account = accountInActorOrganization(state, actor);
  // Checked before admin rights: "another administrator must do it" is the helpful answer for anyone.
  if (account.accountId === actor.accountId) {
    throw new DomainError('forbidden', onOwnAccount.code, onOwnAccount.message);
  }
  requireAdministrator(actor);
  return account;
}

export function requireAdministrator(actor: ActorFacts): void {
  if (!actor.isAdministrator) {
    throw new DomainError(
      'forbidden',
      'PROFILE-admin-required',
      'Only an administrator of your organization can do this',
    );
  }
}

/** 409: the account's state refuses the change until an administrator enables it again. */
export function requireEnabled(account: Account): void {
  if (account.status === 'disabled') {
    throw new DomainError(
      'conflict',
      'PROFILE-account-disabled',
      'This account is disabled; an administrator must enable it before it can be changed',
    );
  }
}
