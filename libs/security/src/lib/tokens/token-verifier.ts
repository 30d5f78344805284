import { readFileSync, statSync } from 'node:fs';
import { createLocalJWKSet, createRemoteJWKSet, decodeJwt, errors, jwtVerify, type JSONWebKeySet } from 'jose';
import { fromClaims, type Principal } from './principal';

/** Where an issuer's public keys come from. */
export type KeySource =
  | { readonly url: string }
  | { readonly file: string }
  | { readonly jwks: () => JSONWebKeySet };

/** A token that is missing, malformed, expired, from an untrusted issuer or badly signed. */
export class InvalidTokenError extends Error {
  readonly code = 'AUTH-invalid-token';
  constructor(readonly reason: string) {
    super(`Invalid access token: ${reason}`);
    this.name = 'InvalidTokenError';
  }
}

type KeyResolver = ReturnType<typeof createLocalJWKSet>;

/** How old and how long-lived an accepted token may be; issuers sign for at most 300 s (DESIGN.md). */
export interface TokenLimits {
  /** Longest accepted exp - iat, and oldest accepted iat. */
  readonly maxLifetimeSeconds: number;
  /** Allowed clock skew between issuer and verifier. */
  readonly clockToleranceSeconds: number;
}

export const DEFAULT_TOKEN_LIMITS: TokenLimits = { maxLifetimeSeconds: 300, clockToleranceSeconds: 30 };

/** Verifies access tokens locally against the trusted issuers' public keys; no call on the request path. */
export class TokenVerifier {
  private readonly resolvers = new Map<string, () => KeyResolver>();
  /** Tokens already verified, until they expire: a signature check costs more than the rest of a request. */
  private readonly verified = new Map<string, { principal: Principal; expiresAtMs: number }>();

  constructor(
    issuers: Readonly<Record<string, KeySource>>,
    private readonly audience: string,
    private readonly limits: TokenLimits = DEFAULT_TOKEN_LIMITS,
  ) {
    for (const [issuer, source] of Object.entries(issuers)) this.resolvers.set(issuer, resolverFor(source));
  }

  async verify(token: string): Promise<Principal> {
    const known = this.verified.get(token);
    if (known && known.expiresAtMs > Date.now()) return known.principal;
    if (known) this.verified.delete(token);
    const principal = await this.verifySignature(token);
    this.remember(token, principal);
    return principal;
  }

  private remember(token: string, principal: Principal): void {
    const exp = decodeJwt(token).exp;
    if (typeof exp !== 'number') return;
    if (this.verified.size >= 10_000) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(token, { principal, expiresAtMs: exp * 1000 });
  }

  private async verifySignature(token: string): Promise<Principal> {
    let issuer: unknown;
    try {
      issuer = decodeJwt(token).iss;
    } catch {
      throw new InvalidTokenError('not a JWT');
    }
    const resolver = typeof issuer === 'string' ? this.resolvers.get(issuer) : undefined;
    if (!resolver) throw new InvalidTokenError('issuer not trusted');
    try {
      const { payload } = await jwtVerify(token, resolver(), {
        issuer: issuer as string,
        audience: this.audience,
        algorithms: ['EdDSA', 'ES256'],
        typ: 'at+jwt',
        // A validly signed token without exp would never expire; one without iat could not be aged.
        requiredClaims: ['exp', 'iat', 'sub'],
        // Also refuses an iat in the future (beyond the tolerance).
        maxTokenAge: this.limits.maxLifetimeSeconds,
        clockTolerance: this.limits.clockToleranceSeconds,
      });
      // The tolerance is for an issuer's clock ahead of ours (iat); expiry stays exact.
      if ((payload.exp as number) <= Date.now() / 1000) throw new InvalidTokenError('expired');
      // A leaked signing key must not mint a ten-year token that stays valid after rotation.
      if ((payload.exp as number) - (payload.iat as number) > this.limits.maxLifetimeSeconds) {
        throw new InvalidTokenError('lifetime too long');
      }
      const principal = fromClaims(payload);
      if (!principal) throw new InvalidTokenError('claims missing');
      return principal;
    } catch (error) {
      if (error instanceof InvalidTokenError) throw error;
      if (error instanceof errors.JWTExpired) throw new InvalidTokenError('expired');
      if (error instanceof errors.JWTClaimValidationFailed) throw new InvalidTokenError(`claim ${error.claim} refused`);
      throw new InvalidTokenError(error instanceof errors.JOSEError ? error.code : 'verification failed');
    }
  }
}

/** `auth-service=http://host/.well-known/jwks.json,credentials-service=file:/data/keys/x.jwks.json` */
export function parseTrustedIssuers(text: string): Record<string, KeySource> {
  const issuers: Record<string, KeySource> = {};
  for (const entry of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const at = entry.indexOf('=');
    if (at <= 0) throw new Error(`"${entry}" is not issuer=url-or-file:path`);
    const issuer = entry.slice(0, at);
    const location = entry.slice(at + 1);
    issuers[issuer] = location.startsWith('file:') ? { file: location.slice(5) } : { url: new URL(location).toString() };
  }
  return issuers;
}

function resolverFor(source: KeySource): () => KeyResolver {
  if ('url' in source) {
    const remote = createRemoteJWKSet(new URL(source.url), { cooldownDuration: 30_000, cacheMaxAge: 600_000 });
    return () => remote as unknown as KeyResolver;
  }
  if ('file' in source) return fileResolver(source.file);
  return () => createLocalJWKSet(source.jwks());
}

/** Re-reads the JWKS file when it changes (key rotation by the issuing service). */
function fileResolver(path: string): () => KeyResolver {
  let cached: { mtimeMs: number; resolver: KeyResolver } | undefined;
  return () => {
    let mtimeMs = -1;
    try {
      mtimeMs = statSync(path).mtimeMs;
    } catch {
      throw new InvalidTokenError('issuer keys unavailable');
    }
    if (!cached || cached.mtimeMs !== mtimeMs) {
      cached = { mtimeMs, resolver: createLocalJWKSet(JSON.parse(readFileSync(path, 'utf8'))) };
    }
    return cached.resolver;
  };
}
