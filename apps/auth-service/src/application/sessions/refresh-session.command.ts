import { Command } from '@nestjs/cqrs';
import type { TokenAnswer } from './token-answers';

/** POST /auth/refresh and the refresh_token grant of POST /oauth/token: rotation. */
export class RefreshSessionCommand extends Command<TokenAnswer> {
  constructor(readonly refreshToken: string) {
    super();
  }
}
