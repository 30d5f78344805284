import type { Principal } from '@accounts/security';
import { Command } from '@nestjs/cqrs';

export interface PasswordChange {
  readonly currentPassword: string;
  readonly newPassword: string;
  readonly repeatPassword: string;
  readonly endOtherSessions: boolean;
}

/** PUT /auth/me/password. */
export class ChangePasswordCommand extends Command<{ endedSessions: number }> {
  constructor(
    readonly caller: Principal,
    readonly change: PasswordChange,
  ) {
    super();
  }
}
