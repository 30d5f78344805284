import { DomainError } from '@accounts/event-sourcing';
import type { Principal } from '@accounts/security';
import type { AccountIndexQueries, IndexedAccount } from '../projections/account-index.queries';

/** Audit reads are for a signed-in administrator of the organization, never an API token. */
export function assertAdministrator(caller: Principal): void {
  if (caller.kind !== 'user' || caller.accountType !== 'administrator') {
    throw new DomainError(
      'forbidden',
      'AUDIT-administrator-required',
      'Only an administrator of the organization can read its audit trail',
    );
  }
}

export function assertAdministratorOf(caller: Principal, orgId: string): void {
  assertAdministrator(caller);
  // Another organization's id answers as unknown: existence never leaks.
  if (caller.orgId !== orgId) {
    throw new DomainError('not_found', 'AUDIT-organization-unknown', `No organization ${orgId}`, {
      field: 'orgId',
    });
  }
}

/** The account, if the caller administers its organization; 404 otherwise (same answer as unknown). */
export function administeredAccount(
  caller: Principal,
  index: AccountIndexQueries,
  accountId: string,
): IndexedAccount {
  assertAdministrator(caller);
  const account = index.account(accountId);
  if (!account || account.orgId !== caller.orgId) {
    throw new DomainError(
      'not_found',
      'AUDIT-account-unknown',
      `No account ${accountId} in your organization`,
      { field: 'accountId' },
    );
  }
  return account;
}
