import { type Principal, SigningKeyRing, TokenIssuer, TokenVerifier } from '@accounts/security';

export const TEST_ISSUER = 'auth-service';
export const TEST_AUDIENCE = 'accounts';

/**
 * Real tokens for HTTP tests: a test key ring, the production TokenIssuer and TokenVerifier.
 * Override the TOKEN_VERIFIER provider with `tokens.verifier`; no bypass flag exists anywhere.
 */
export class TestTokens {
  private constructor(
    private readonly issuer: TokenIssuer,
    readonly verifier: TokenVerifier,
  ) {}

  static async create(): Promise<TestTokens> {
    const ring = await SigningKeyRing.generate();
    return new TestTokens(
      new TokenIssuer(ring, TEST_ISSUER, TEST_AUDIENCE),
      new TokenVerifier({ [TEST_ISSUER]: { jwks: () => ring.publicJwks() } }, TEST_AUDIENCE),
    );
  }

  /** An access token for this caller; unspecified claims get plausible defaults. */
  async mint(caller: Partial<Principal> & Pick<Principal, 'accountId' | 'orgId'>): Promise<string> {
    const principal: Principal = {
      kind: 'user',
      accountType: 'standard',
      sessionId: `session-${caller.accountId}`,
      amr: ['pwd'],
      authTime: Math.floor(Date.now() / 1000),
      ...caller,
    };
    return (await this.issuer.issue(principal)).accessToken;
  }

  /** `{ Authorization: 'Bearer …' }` for supertest's `.set()`. */
  async bearer(
    caller: Partial<Principal> & Pick<Principal, 'accountId' | 'orgId'>,
  ): Promise<Record<string, string>> {
    return { Authorization: `Bearer ${await this.mint(caller)}` };
  }
}
