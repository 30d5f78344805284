import type { IssuedToken, TokenIssuer } from '@accounts/security';
import { Inject, Injectable } from '@nestjs/common';
import { hasExpired } from '../../domain';
import { type KeyCheckRow, KeyStatusQueries } from '../../projections/key-status.queries';
import { LastUsedRecorder } from '../../projections/last-used-recorder';
import { CLOCK, type Clock } from '../clock';
import { SecretHasher } from '../secrets/secret-hasher';
import { ClientBackoff } from './client-backoff';
import { OAuthError } from './oauth-error';

/** DI token of the TokenIssuer signing this service's access tokens (issuer `credentials-service`). */
export const TOKEN_ISSUER = Symbol('TOKEN_ISSUER');

/** Our clientIds are 26 characters; longer ones cannot exist and are not worth memory in the back-off table. */
const MAX_TRACKED_CLIENT_ID_LENGTH = 64;

/**
 * The OAuth 2 client-credentials grant: clientId + secret -> a short-lived access token for the
 * credential's account. Reads only the key-status read model; writes nothing but a last-used time.
 */
@Injectable()
export class ClientCredentialsGrant {
  constructor(
    private readonly keys: KeyStatusQueries,
    private readonly hasher: SecretHasher,
    private readonly backoff: ClientBackoff,
    private readonly lastUsed: LastUsedRecorder,
    @Inject(TOKEN_ISSUER) private readonly issuer: TokenIssuer,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async exchange(clientId: string, secret: string): Promise<IssuedToken> {
    const now = this.clock();
    const tracked = clientId.length <= MAX_TRACKED_CLIENT_ID_LENGTH;
    const wait = tracked ? this.backoff.retryAfterSeconds(clientId, now.getTime()) : 0;
    if (wait > 0) throw OAuthError.backedOff(wait);

    const key = tracked ? this.keys.forTokenRequest(clientId) : undefined;
    // One HMAC and one constant-time compare on every path: an unknown clientId costs what a known one does.
    const secretMatches = this.hasher.matches(secret, key?.secret_hash);
    if (!key || !secretMatches || !usable(key, now)) {
      if (tracked) this.backoff.recordFailure(clientId, now.getTime());
      throw OAuthError.invalidClient();
    }
    this.backoff.recordSuccess(clientId);
    this.lastUsed.record(key.credential_id, now);
    return this.issuer.issue(
      {
        kind: 'api',
        accountId: key.account_id,
        orgId: key.org_id,
        accountType: key.account_type,
        sessionId: key.credential_id,
        amr: ['client_credentials'],
        authTime: Math.floor(now.getTime() / 1000),
      },
      now,
    );
  }
}

type UsableKey = KeyCheckRow & { readonly org_id: string; readonly account_type: string };

/**
 * Active, not expired, and its account known and enabled. An account profile-service never told us
 * about fails closed: without its organization and type there is no token to issue.
 */
function usable(key: KeyCheckRow, now: Date): key is UsableKey {
  return (
    key.status === 'active' &&
    !hasExpired(key.expires_at, now) &&
    key.account_status === 'enabled' &&
    key.org_id !== null &&
    key.account_type !== null
  );
}
