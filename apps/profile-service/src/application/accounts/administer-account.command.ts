import { Command } from '@nestjs/cqrs';
import type { Principal } from '@accounts/security';
import type { AccountView } from './account-view';

/** What an administrator changes on another account of the organization. */
export type AccountAdministration =
  | { readonly kind: 'accountType'; readonly accountType: string }
  | { readonly kind: 'groupRestriction'; readonly groupRestriction: unknown }
  | { readonly kind: 'disable'; readonly reason?: string }
  | { readonly kind: 'enable' };

/** PUT /accounts/:id/account-type, PUT /accounts/:id/group-restriction, POST /accounts/:id/disable|enable. */
export class AdministerAccountCommand extends Command<AccountView> {
  constructor(
    readonly caller: Principal,
    readonly accountId: string,
    readonly change: AccountAdministration,
  ) {
    super();
  }
}
