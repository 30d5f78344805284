import { scopesAllowedFor } from '@accounts/contracts';
import { type IssuedToken, TOKEN_ISSUER, type TokenIssuer } from '@accounts/security';
import { Inject, Injectable } from '@nestjs/common';
import { hasExpired } from '../../domain';
import { type KeyCheckRow, KeyStatusQueries } from '../../projections/key-status.queries';
import { LastUsedRecorder } from '../../projections/last-used-recorder';
import type { Clock } from '@accounts/event-sourcing';
import { CLOCK } from '@accounts/service-kit';
import { SecretHasher } from '../secrets/secret-hasher';
import { TokenRequestLimits } from './token-request-limits';
import { OAuthError } from './oauth-error';

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
    private readonly limits: TokenRequestLimits,
    private readonly lastUsed: LastUsedRecorder,
    @Inject(TOKEN_ISSUER) private readonly issuer: TokenIssuer,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Client authentication under the guessing limits: the credential, usable now, or invalid_client
   * (429 while backed off). `address`: the client's address as Express reports it (TRUST_PROXY honoured).
   */
  authenticate(
    request: { readonly clientId: string; readonly secret: string; readonly address: string },
    now = this.clock(),
  ): UsableKey {
    const { clientId, secret, address } = request;
    const tracked = clientId.length <= MAX_TRACKED_CLIENT_ID_LENGTH ? clientId : undefined;
    const { retryAfterSeconds: wait, pairFailed } = this.limits.check(
      tracked,
      address,
      now.getTime(),
    );
    if (wait > 0) throw OAuthError.backedOff(wait);
    const key = tracked ? this.keys.forTokenRequest(tracked) : undefined;
    // One HMAC and one constant-time compare on every path: an unknown clientId costs what a known one does.
    const secretMatches = this.hasher.matches(secret, key?.secret_hash);
    if (!key || !secretMatches || !usable(key, now)) {
      this.limits.recordFailure(tracked, address, now.getTime());
      throw OAuthError.invalidClient();
    }
    // Nothing to clear without failures (the usual case): no write on the way of every grant. A
    // failure recorded meanwhile by a concurrent request stays counted, the safe side.
    if (pairFailed) this.limits.recordSuccess(clientId, address);
    return key;
  }

  async exchange(request: {
    readonly clientId: string;
    readonly secret: string;
    readonly scope?: readonly string[];
    readonly address: string;
  }): Promise<IssuedToken & { readonly scope: string }> {
    const now = this.clock();
    const key = this.authenticate(request, now);
    const scopes = grantedScopes(key, request.scope);
    this.lastUsed.record(key.credential_id, now);
    const issued = await this.issuer.issue(
      {
        kind: 'api',
        accountId: key.account_id,
        orgId: key.org_id,
        accountType: key.account_type,
        sessionId: key.credential_id,
        amr: ['client_credentials'],
        authTime: Math.floor(now.getTime() / 1000),
        scopes,
        clientId: request.clientId,
      },
      now,
    );
    return { ...issued, scope: scopes.join(' ') };
  }
}

/**
 * The credential's scopes, less administrator scopes once its owner is no longer one, narrowed to
 * the `scope` parameter; asking for one it does not hold is invalid_scope (RFC 6749 §5.2).
 */
function grantedScopes(
  key: UsableKey,
  requested: readonly string[] | undefined,
): readonly string[] {
  const held = heldScopes(key.account_type, key.scopes);
  if (requested === undefined) return held;
  const missing = requested.find((s) => !held.includes(s));
  if (missing !== undefined)
    throw OAuthError.invalidScope(
      `This client may not ask for ${missing}; it holds: ${held.join(' ') || 'nothing'}`,
    );
  return held.filter((s) => requested.includes(s));
}

/** Distinct (account type, scopes) pairs remembered; past it the memo starts again (a few per org). */
const HELD_SCOPES_MEMO_SIZE = 1_000;
const heldScopesMemo = new Map<string, readonly string[]>();

/** A credential's scopes its owner's type still allows, computed once per distinct pair (every grant asks). */
function heldScopes(accountType: string, scopes: string): readonly string[] {
  const memoKey = `${accountType} ${scopes}`;
  let held = heldScopesMemo.get(memoKey);
  if (held === undefined) {
    const allowed: readonly string[] = scopesAllowedFor(accountType);
    held = Object.freeze(scopes.split(' ').filter((s) => allowed.includes(s)));
    if (heldScopesMemo.size >= HELD_SCOPES_MEMO_SIZE) heldScopesMemo.clear();
    heldScopesMemo.set(memoKey, held);
  }
  return held;
}

export type UsableKey = KeyCheckRow & {
  readonly org_id: string;
  readonly account_type: string;
};

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
