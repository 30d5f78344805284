import { Command } from '@nestjs/cqrs';

/** POST /oauth/revoke (RFC 7009) with a refresh token: its session ends, as at sign-out. */
export class RevokeRefreshTokenCommand extends Command<void> {
  constructor(readonly refreshToken: string) {
    super();
  }
}
