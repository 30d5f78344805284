import type { Principal } from '@accounts/security';
import { Command } from '@nestjs/cqrs';

/** DELETE /api-credentials/:id: the credential stops working for good. */
export class RevokeApiCredentialCommand extends Command<void> {
  constructor(
    readonly caller: Principal,
    readonly credentialId: string,
  ) {
    super();
  }
}
