import type { ContactChannel } from '@accounts/contracts';
import type { Principal } from '@accounts/security';
import { Command } from '@nestjs/cqrs';

/** POST /auth/me/verification/:channel/confirm: the code that was sent. */
export class ConfirmVerificationCommand extends Command<{
  channel: ContactChannel;
  verified: true;
}> {
  constructor(
    readonly caller: Principal,
    readonly channel: ContactChannel,
    readonly code: string,
  ) {
    super();
  }
}
