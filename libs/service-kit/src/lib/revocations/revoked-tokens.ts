import type { ReadModelDatabase } from '@accounts/projections';
import type { Principal, TokenRevocations } from '@accounts/security';

/** TokenRevocations answered from the revoked_tokens read model: two indexed reads per request. */
export class RevokedTokens implements TokenRevocations {
  constructor(private readonly database: ReadModelDatabase) {}

  revocationOf(principal: Principal): string | undefined {
    if (
      this.database.get(
        'SELECT 1 FROM disabled_accounts WHERE account_id = ?',
        principal.accountId,
      )
    ) {
      return 'account disabled';
    }
    // An API token's sessionId is its credential id; credential revocation is credentials-service's own check.
    if (
      principal.kind === 'user' &&
      this.database.get(
        'SELECT 1 FROM ended_sessions WHERE session_id = ?',
        principal.sessionId,
      )
    ) {
      return 'session ended';
    }
    return undefined;
  }
}
