/** Who is calling, as proven by a verified access token. */
export interface Principal {
  /** 'user' for a signed-in person (auth-service), 'api' for an API credential (credentials-service). */
  readonly kind: 'user' | 'api';
  readonly accountId: string;
  readonly orgId: string;
  readonly accountType: string;
  /** The sign-in session (users) or the credential id (api). */
  readonly sessionId: string;
  /** Authentication methods used (RFC 8176 values such as pwd, otp, mfa). */
  readonly amr: readonly string[];
  /** When the person signed in (epoch seconds); sensitive actions require a recent one. */
  readonly authTime: number;
  /**
   * API tokens: what the credential may do (`scope`, RFC 9068). A person's token may carry the
   * scopes of their account too, for resource servers; the services ignore them for people.
   */
  readonly scopes?: readonly string[];
  /** The OAuth client the token was issued to (`client_id`, RFC 9068): an API credential's clientId. */
  readonly clientId?: string;
}

/** JWT claim names; short names keep tokens small. */
export interface AccessTokenClaims {
  readonly sub: string;
  readonly org: string;
  readonly acct: string;
  readonly sid: string;
  readonly amr: string[];
  readonly auth_time: number;
  readonly knd: 'user' | 'api';
  /** Space-separated (RFC 9068 §2.2.3). */
  readonly scope?: string;
  readonly client_id?: string;
}

export function toClaims(p: Principal): AccessTokenClaims {
  return {
    sub: p.accountId,
    org: p.orgId,
    acct: p.accountType,
    sid: p.sessionId,
    amr: [...p.amr],
    auth_time: p.authTime,
    knd: p.kind,
    ...(p.scopes ? { scope: p.scopes.join(' ') } : {}),
    ...(p.clientId ? { client_id: p.clientId } : {}),
  };
}

export function fromClaims(c: Record<string, unknown>): Principal | undefined {
  const { sub, org, acct, sid, amr, auth_time, knd } = c;
  if (
    typeof sub !== 'string' ||
    typeof org !== 'string' ||
    typeof acct !== 'string' ||
    typeof sid !== 'string'
  )
    return undefined;
  if (!Array.isArray(amr) || typeof auth_time !== 'number' || (knd !== 'user' && knd !== 'api'))
    return undefined;
  const { scope, client_id } = c;
  if (
    (scope !== undefined && typeof scope !== 'string') ||
    (client_id !== undefined && typeof client_id !== 'string')
  )
    return undefined;
  return {
    kind: knd,
    accountId: sub,
    orgId: org,
    accountType: acct,
    sessionId: sid,
    amr: amr.map(String),
    authTime: auth_time,
    // Optional members only when present, so a token without them reads as before.
    ...(typeof scope === 'string' ? { scopes: scope.split(' ').filter(Boolean) } : {}),
    ...(typeof client_id === 'string' ? { clientId: client_id } : {}),
  };
}
