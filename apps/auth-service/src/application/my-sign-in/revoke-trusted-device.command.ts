import type { Principal } from '@accounts/security';
import { Command } from '@nestjs/cqrs';

/** DELETE /auth/me/trusted-devices/:id: that computer asks for the second factor again. */
export class RevokeTrustedDeviceCommand extends Command<void> {
  constructor(
    readonly caller: Principal,
    readonly deviceId: string,
  ) {
    super();
  }
}
