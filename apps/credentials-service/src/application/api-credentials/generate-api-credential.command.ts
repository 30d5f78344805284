import type { Principal } from '@accounts/security';
import { Command } from '@nestjs/cqrs';
import type { IssuedSecret } from './issued-secret';

/** POST /api-credentials: a new credential for the caller; its secret is shown this once. */
export class GenerateApiCredentialCommand extends Command<IssuedSecret> {
  constructor(
    readonly caller: Principal,
    readonly name?: string,
    readonly expiresAt?: string,
    readonly scopes?: readonly unknown[],
  ) {
    super();
  }
}
