import type { Principal } from '@accounts/security';
import { Command } from '@nestjs/cqrs';

/** DELETE /auth/me/sessions/:id: one of the caller's sessions (another device's) ends. */
export class EndSessionCommand extends Command<void> {
  constructor(
    readonly caller: Principal,
    readonly sessionId: string,
  ) {
    super();
  }
}
