import type { Principal } from '@accounts/security';
import { Command } from '@nestjs/cqrs';

/** POST /auth/accounts/:id/authenticator/reset: an administrator removes a lost authenticator, with a reason. */
export class ResetAuthenticatorCommand extends Command<void> {
  constructor(
    readonly caller: Principal,
    readonly accountId: string,
    readonly reason: unknown,
  ) {
    super();
  }
}
