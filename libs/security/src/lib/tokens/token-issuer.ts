import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { type Principal, toClaims } from './principal';
import { SIGNING_ALGORITHM, type SigningKeyRing } from './signing-key-ring';

export interface IssuedToken {
  readonly accessToken: string;
  /** Seconds. */
  readonly expiresIn: number;
}

/** RFC 9068 claims a service fills in for tokens whose principal does not carry them. */
export interface TokenIssuerOptions {
  /** `client_id` of tokens issued to people (the account console). */
  readonly clientId?: string;
  /** `scope` of a person's token: what their account may do, for resource servers that look at it. */
  readonly personScopes?: (accountType: string) => readonly string[];
}

/** Signs short-lived access tokens (at most 5 minutes, DESIGN.md). */
export class TokenIssuer {
  constructor(
    private readonly keys: SigningKeyRing,
    private readonly issuer: string,
    private readonly audience: string,
    private readonly ttlSeconds = 300,
    private readonly options: TokenIssuerOptions = {},
  ) {
    if (ttlSeconds > 300) throw new Error('access tokens live at most 300 seconds');
  }

  async issue(principal: Principal, now: Date = new Date()): Promise<IssuedToken> {
    const { kid, key } = await this.keys.current();
    const iat = Math.floor(now.getTime() / 1000);
    const scopes =
      principal.scopes ??
      (principal.kind === 'user' ? this.options.personScopes?.(principal.accountType) : undefined);
    const clientId = principal.clientId ?? this.options.clientId;
    const claims = toClaims({
      ...principal,
      ...(scopes ? { scopes } : {}),
      ...(clientId ? { clientId } : {}),
    });
    const accessToken = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid, typ: 'at+jwt' })
      .setIssuer(this.issuer)
      .setAudience(this.audience)
      .setIssuedAt(iat)
      .setExpirationTime(iat + this.ttlSeconds)
      .setJti(randomUUID())
      .sign(key);
    return { accessToken, expiresIn: this.ttlSeconds };
  }
}
