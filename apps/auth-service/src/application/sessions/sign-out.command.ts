import type { Principal } from '@accounts/security';
import { Command } from '@nestjs/cqrs';

/** POST /auth/logout: the caller's own session ends; its refresh token no longer works. */
export class SignOutCommand extends Command<void> {
  constructor(readonly caller: Principal) {
    super();
  }
}
