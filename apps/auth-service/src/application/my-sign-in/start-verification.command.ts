import type { ContactChannel } from '@accounts/contracts';
import type { Principal } from '@accounts/security';
import { Command } from '@nestjs/cqrs';

/** POST /auth/me/verification/:channel: a code to the email address or phone, to prove it is the caller's. */
export class StartVerificationCommand extends Command<{
  channel: ContactChannel;
  sentTo: string | null;
}> {
  constructor(
    readonly caller: Principal,
    readonly channel: ContactChannel,
  ) {
    super();
  }
}
