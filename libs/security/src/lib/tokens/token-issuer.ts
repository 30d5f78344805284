import { randomUUID } from 'node:crypto';
import { CompactJwsSigner } from './compact-jws';
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
  /** The newest key's signer, made again only after a rotation. */
  private signer?: { readonly kid: string; readonly jws: CompactJwsSigner };

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
    // The claims in the order jose's SignJWT wrote them (tokens.spec.ts checks jose verifies these).
    const accessToken = this.currentSigner().sign({
      ...claims,
      iss: this.issuer,
      aud: this.audience,
      iat,
      exp: iat + this.ttlSeconds,
      jti: randomUUID(),
    });
    return { accessToken, expiresIn: this.ttlSeconds };
  }

  private currentSigner(): CompactJwsSigner {
    const { kid, privateJwk } = this.keys.newest();
    if (this.signer?.kid !== kid)
      this.signer = {
        kid,
        jws: new CompactJwsSigner(privateJwk, { alg: SIGNING_ALGORITHM, kid, typ: 'at+jwt' }),
      };
    return this.signer.jws;
  }
}
