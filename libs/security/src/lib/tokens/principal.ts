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
}

export function toClaims(p: Principal): AccessTokenClaims {
  return { sub: p.accountId, org: p.orgId, acct: p.accountType, sid: p.sessionId, amr: [...p.amr], auth_time: p.authTime, knd: p.kind };
}

export function fromClaims(c: Record<string, unknown>): Principal | undefined {
  const { sub, org, acct, sid, amr, auth_time, knd } = c;
  if (typeof sub !== 'string' || typeof org !== 'string' || typeof acct !== 'string' || typeof sid !== 'string') return undefined;
  if (!Array.isArray(amr) || typeof auth_time !== 'number' || (knd !== 'user' && knd !== 'api')) return undefined;
  return { kind: knd, accountId: sub, orgId: org, accountType: acct, sessionId: sid, amr: amr.map(String), authTime: auth_time };
}
