import { Command } from '@nestjs/cqrs';
import type { NewAccountProfile } from '../../domain';
import type { ActivationDelivery } from '../activation/activation-link-sender';
import type { Principal } from '@accounts/security';
import type { AccountView } from './account-view';

export interface NewAccount extends NewAccountProfile {
  readonly accountType: string;
  /** Defaults to every group. */
  readonly groupRestriction?: unknown;
}

export type CreatedAccount = AccountView & ActivationDelivery;

/** POST /organizations/:orgId/accounts, by an administrator of that organization. */
export class RegisterAccountCommand extends Command<CreatedAccount> {
  constructor(
    readonly caller: Principal,
    readonly orgId: string,
    readonly input: NewAccount,
  ) {
    super();
  }
}
