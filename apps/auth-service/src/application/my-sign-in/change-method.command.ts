import type { Principal } from '@accounts/security';
import { Command } from '@nestjs/cqrs';

export interface MethodChange {
  readonly method: string;
  readonly enrollment: {
    otpauthUri: string;
    secret: string;
    qrCode: string;
    pendingMethod: unknown;
  } | null;
  readonly recoveryCodes?: string[];
}

/** PUT /auth/me/method; an authenticator method without an enrolled app starts enrollment. */
export class ChangeMethodCommand extends Command<MethodChange> {
  constructor(
    readonly caller: Principal,
    readonly method: unknown,
  ) {
    super();
  }
}
