import type { Principal } from '@accounts/security';
import { Command } from '@nestjs/cqrs';

/** POST /auth/me/authenticator/confirm: the first code of the app being set up. */
export class ConfirmAuthenticatorCommand extends Command<{
  method: string;
  recoveryCodes?: string[];
}> {
  constructor(
    readonly caller: Principal,
    readonly code: string,
  ) {
    super();
  }
}
