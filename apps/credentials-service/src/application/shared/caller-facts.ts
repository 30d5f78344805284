import type { Principal } from '@accounts/security';
import { DomainError } from '@accounts/event-sourcing';
import { Injectable } from '@nestjs/common';
import type { CredentialActor } from '../../domain';
import { AccountDirectory } from '../../projections/account-directory';

/** The caller as the rules see them, from the token and the accounts read model (not the token's claims alone). */
@Injectable()
export class CallerFacts {
  constructor(private readonly accounts: AccountDirectory) {}

  actorFor(caller: Principal, ownerAccountId: string): CredentialActor {
    return {
      accountId: caller.accountId,
      authTime: caller.authTime,
      administersOwner:
        caller.accountId !== ownerAccountId && this.administers(caller, ownerAccountId),
    };
  }

  /**
   * An enabled administrator of the owner's organization. The account type comes from profile
   * events: a demoted administrator's token, still valid for a few minutes, no longer counts.
   */
  administers(caller: Principal, ownerAccountId: string): boolean {
    const me = this.accounts.get(caller.accountId);
    const owner = this.accounts.get(ownerAccountId);
    return (
      me !== undefined &&
      owner !== undefined &&
      me.status === 'enabled' &&
      me.account_type === 'administrator' &&
      me.org_id === caller.orgId &&
      owner.org_id === me.org_id
    );
  }

  /** A disabled account's access token (valid a few more minutes) must not mint secrets. */
  requireEnabled(caller: Principal): void {
    if (this.accounts.get(caller.accountId)?.status === 'disabled') {
      throw new DomainError(
        'forbidden',
        'CREDENTIALS-account-disabled',
        'This account is disabled',
      );
    }
  }

  /** The account's type from profile events; unknown accounts count as standard. */
  accountTypeOf(accountId: string): string {
    return this.accounts.get(accountId)?.account_type ?? 'standard';
  }

  /** The owner's organization for event metadata: the read model's, else the caller's own claim. */
  orgOf(accountId: string, caller: Principal): string {
    return this.accounts.get(accountId)?.org_id ?? caller.orgId;
  }
}
