import { TOKEN_VERIFIER, type TokenVerifier } from '@accounts/security';
import { Inject, Injectable } from '@nestjs/common';
import { decodeJwt } from 'jose';
import { ClientCredentialsGrant } from './client-credentials-grant';

/** RFC 7662 §2.2 answer: `{ active: false }` says nothing more. */
export type IntrospectionResponse =
  | { readonly active: false }
  | ({ readonly active: true; readonly token_type: 'Bearer' } & Record<string, unknown>);

/**
 * Token introspection (RFC 7662) for resource servers that cannot verify JWTs themselves. The caller
 * authenticates as an API credential (same limits as the token endpoint) and learns about tokens of
 * its own organization only: any other token, like an invalid or expired one, is `active: false`.
 */
@Injectable()
export class TokenIntrospection {
  constructor(
    private readonly grant: ClientCredentialsGrant,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
  ) {}

  async introspect(request: {
    clientId: string;
    secret: string;
    address: string;
    token: string;
  }): Promise<IntrospectionResponse> {
    const caller = this.grant.authenticate(request);
    let orgId: string;
    try {
      orgId = (await this.verifier.verify(request.token)).orgId;
    } catch {
      return { active: false };
    }
    if (orgId !== caller.org_id) return { active: false };
    const { iss, sub, aud, exp, iat, jti, client_id, scope, auth_time, amr, org, knd } = decodeJwt(
      request.token,
    );
    return {
      active: true,
      token_type: 'Bearer',
      iss,
      sub,
      aud,
      exp,
      iat,
      jti,
      client_id,
      scope,
      auth_time,
      amr,
      org,
      kind: knd,
    };
  }
}
