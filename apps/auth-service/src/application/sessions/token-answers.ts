import { TOKEN_ISSUER, type TokenIssuer } from '@accounts/security';
import { Inject, Injectable } from '@nestjs/common';
import type { AccountFacts } from '../../projections/profile-facts.queries';
import { newOpaqueToken } from '../shared/secrets';

/** What a successful sign-in or refresh answers. */
export interface TokenAnswer {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly expiresIn: number;
  readonly tokenType: 'Bearer';
}

/** Refresh tokens are `<sessionId>.<secret>`: the id finds the stream, the SHA-256 of the whole is checked. */
export const newRefreshToken = (sessionId: string): string => `${sessionId}.${newOpaqueToken()}`;

/** The session a refresh token names, or null for anything not of that form. */
export function sessionIdOf(refreshToken: string): string | null {
  const sessionId = refreshToken.split('.')[0];
  return sessionId && /^[0-9a-f-]{36}$/.test(sessionId) ? sessionId : null;
}

/** The access token of a session, with the refresh token that goes with it. */
@Injectable()
export class TokenAnswers {
  constructor(@Inject(TOKEN_ISSUER) private readonly issuer: TokenIssuer) {}

  async answer(
    account: Pick<AccountFacts, 'accountId' | 'orgId' | 'accountType'>,
    session: {
      readonly sessionId: string;
      readonly amr: readonly string[];
      readonly authTime: Date;
    },
    refreshToken: string,
    now: Date,
  ): Promise<TokenAnswer> {
    const { accessToken, expiresIn } = await this.issuer.issue(
      {
        kind: 'user',
        accountId: account.accountId,
        orgId: account.orgId,
        accountType: account.accountType,
        sessionId: session.sessionId,
        amr: session.amr,
        authTime: Math.floor(session.authTime.getTime() / 1000),
      },
      now,
    );
    return { accessToken, refreshToken, expiresIn, tokenType: 'Bearer' };
  }
}
