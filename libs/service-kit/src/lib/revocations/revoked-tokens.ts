import type { ReadModelDatabase } from '@accounts/projections';
import type { TokenFacts, Principal, TokenRevocations } from '@accounts/security';

/** TokenRevocations answered from the revoked_tokens read model: a few indexed reads per request. */
export class RevokedTokens implements TokenRevocations {
  constructor(private readonly database: ReadModelDatabase) {}

  revocationOf(principal: Principal, token: TokenFacts = {}): string | undefined {
    if (
      this.database.get('SELECT 1 FROM disabled_accounts WHERE account_id = ?', principal.accountId)
    ) {
      return 'account disabled';
    }
    // An API token's sessionId is its credential id (the `sid` claim POST /oauth/token puts in it).
    if (principal.kind === 'api')
      return this.credentialRevocation(principal.sessionId, token.issuedAt);
    if (
      this.database.get('SELECT 1 FROM ended_sessions WHERE session_id = ?', principal.sessionId)
    ) {
      return 'session ended';
    }
    return undefined;
  }

  private credentialRevocation(
    credentialId: string,
    issuedAt: number | undefined,
  ): string | undefined {
    try {
      if (
        this.database.get('SELECT 1 FROM revoked_credentials WHERE credential_id = ?', credentialId)
      ) {
        return 'credential revoked';
      }
      const regenerated = this.database.get<{ regenerated_at_ms: number }>(
        'SELECT regenerated_at_ms FROM regenerated_credentials WHERE credential_id = ?',
        credentialId,
      );
      if (regenerated && issuedBefore(issuedAt, regenerated.regenerated_at_ms)) {
        return 'credential regenerated';
      }
    } catch (error) {
      // A copy built by version 1 (no credential tables) answers until the version-2 rebuild swaps in.
      if (error instanceof Error && /no such table/.test(error.message)) return undefined;
      throw error;
    }
    return undefined;
  }
}

/**
 * `iat` is in whole seconds: a token from an earlier second than the regeneration was issued
 * before it. One from the same second cannot be ordered and is kept (the old secret is refused
 * from the append on; credentials-service's clock sets both times). A token without `iat` is
 * refused: the verifier requires it, so this is only a safe default.
 */
function issuedBefore(issuedAt: number | undefined, regeneratedAtMs: number): boolean {
  if (issuedAt === undefined) return true;
  return issuedAt < Math.floor(regeneratedAtMs / 1000);
}
