import type { Principal } from '@accounts/security';
import { Command } from '@nestjs/cqrs';
import type { AccountView } from '../accounts/account-view';

/** POST /accounts/me/email/confirm { token }: the link mailed to the new address was opened. */
export class ConfirmEmailChangeCommand extends Command<AccountView> {
  constructor(
    readonly caller: Principal,
    readonly token: string,
  ) {
    super();
  }
}

/** DELETE /accounts/me/email/pending: the person withdraws the change. */
export class CancelEmailChangeCommand extends Command<AccountView> {
  constructor(readonly caller: Principal) {
    super();
  }
}
