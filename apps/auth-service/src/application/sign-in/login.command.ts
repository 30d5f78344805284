import { Command } from '@nestjs/cqrs';
import type { LoginAnswer } from './sign-in-answers';

/** POST /auth/login: user name and password, and the trusted-device token the browser presented. */
export class LoginCommand extends Command<LoginAnswer> {
  constructor(
    readonly userName: string,
    readonly password: string,
    readonly trustedDeviceToken: string | null,
  ) {
    super();
  }
}
