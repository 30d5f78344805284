import { PasswordResetThrottles } from './password-reset-throttles';
import { RequestPasswordResetHandler } from './request-password-reset.handler';
import { ResetPasswordHandler } from './reset-password.handler';

/** Forgotten passwords (POST /auth/password-reset[/confirm]): one handler per use case. */
export const passwordResetHandlers = [
  PasswordResetThrottles,
  RequestPasswordResetHandler,
  ResetPasswordHandler,
];
