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

/**
 * Refresh tokens are `<sessionId>.<number>.<secret>`: the id finds the stream, the number (0 at the
 * start, one more per rotation) is the stream revision whose event recorded the token's hash, and the
 * SHA-256 of the whole is checked (so the number cannot be changed). Tokens handed out before the
 * number was added are `<sessionId>.<secret>` and still work until they rotate.
 */
export const newRefreshToken = (sessionId: string, number: number): string =>
  `${sessionId}.${number}.${newOpaqueToken()}`;

/** What a refresh token says of itself: its session, and its number (null for the earlier form). */
export interface PresentedRefreshToken {
  readonly sessionId: string;
  readonly number: number | null;
}

const SESSION_ID = /^[0-9a-f-]{36}$/;
/** No leading zero, so one token has one spelling; at most 9 digits (a session rotates far fewer times). */
const NUMBER = /^(0|[1-9][0-9]{0,8})$/;
/** base64url of 32 random bytes. */
const SECRET = /^[A-Za-z0-9_-]{43}$/;

/** The parts of a refresh token of either form, or null for anything else. */
export function parseRefreshToken(refreshToken: string): PresentedRefreshToken | null {
  const parts = refreshToken.split('.');
  if (!SESSION_ID.test(parts[0])) return null;
  if (parts.length === 2)
    return SECRET.test(parts[1]) ? { sessionId: parts[0], number: null } : null;
  if (parts.length !== 3 || !NUMBER.test(parts[1]) || !SECRET.test(parts[2])) return null;
  return { sessionId: parts[0], number: Number(parts[1]) };
}

/** The session a refresh token names, or null for anything not of that form. */
export function sessionIdOf(refreshToken: string): string | null {
  const sessionId = refreshToken.split('.')[0];
  return sessionId && SESSION_ID.test(sessionId) ? sessionId : null;
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
