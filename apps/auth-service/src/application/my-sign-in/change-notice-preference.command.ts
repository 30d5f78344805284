import type { Principal } from '@accounts/security';
import { Command } from '@nestjs/cqrs';

/** PUT /auth/me/notices/:notice: a security notice the caller wants (critical ones cannot be turned off). */
export class ChangeNoticePreferenceCommand extends Command<{ notice: string; enabled: boolean }> {
  constructor(
    readonly caller: Principal,
    readonly notice: string,
    readonly enabled: boolean,
  ) {
    super();
  }
}
