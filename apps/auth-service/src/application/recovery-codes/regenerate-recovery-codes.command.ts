import type { Principal } from '@accounts/security';
import { Command } from '@nestjs/cqrs';

/** POST /auth/me/recovery-codes: a new set, shown this once; the previous set stops working. */
export class RegenerateRecoveryCodesCommand extends Command<{
  codes: string[];
  remaining: number;
}> {
  constructor(readonly caller: Principal) {
    super();
  }
}
