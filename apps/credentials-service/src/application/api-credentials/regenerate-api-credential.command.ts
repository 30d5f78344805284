import type { Principal } from '@accounts/security';
import { Command } from '@nestjs/cqrs';
import type { IssuedSecret } from './issued-secret';

/** POST /api-credentials/:id/regenerate: a new secret; the previous one stops working. */
export class RegenerateApiCredentialCommand extends Command<IssuedSecret> {
  constructor(
    readonly caller: Principal,
    readonly credentialId: string,
  ) {
    super();
  }
}
