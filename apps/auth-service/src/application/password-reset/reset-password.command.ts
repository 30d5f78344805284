import { Command } from '@nestjs/cqrs';

export interface PasswordResetConfirmation {
  /** The token of the emailed link. */
  readonly token: string;
  readonly newPassword: string;
  readonly repeatPassword: string;
}

/** POST /auth/password-reset/confirm: the new password, then every session of the account ends. */
export class ResetPasswordCommand extends Command<{ reset: true; endedSessions: number }> {
  constructor(readonly confirmation: PasswordResetConfirmation) {
    super();
  }
}
