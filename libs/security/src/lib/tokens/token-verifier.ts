import { readFileSync, statSync } from 'node:fs';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeJwt,
  errors,
  jwtVerify,
  type JSONWebKeySet,
} from 'jose';
import { fromClaims, type Principal } from './principal';

/** Where an issuer's public keys come from. */
export type KeySource =
  | { readonly url: string }
  | { readonly file: string }
  | { readonly jwks: () => JSONWebKeySet }
  /** The issuer URL alone: its RFC 8414 metadata names the jwks_uri (fetched at first use). */
  | { readonly discovery: string }
  /** A JWKS file an issuer of this machine publishes with its own `issuer` in it (embedded mode). */
  | { readonly publishedFile: string };

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

export const DEFAULT_TOKEN_LIMITS: TokenLimits = {
  maxLifetimeSeconds: 300,
  clockToleranceSeconds: 30,
};

/** A verified access token: who it speaks for, and its `iat` (epoch seconds) for revocation checks. */
export interface VerifiedToken {
  readonly principal: Principal;
  readonly issuedAt: number;
}

/** Verifies access tokens locally against the trusted issuers' public keys; no call on the request path. */
export class TokenVerifier {
  private readonly resolvers = new Map<string, () => KeyResolver>();
  /** Tokens already verified, until they expire: a signature check costs more than the rest of a request. */
  private readonly verified = new Map<string, { verified: VerifiedToken; expiresAtMs: number }>();

  /** Files whose issuer is only known once read (the entry's name is not the issuer). */
  private readonly published: Array<() => { issuer?: unknown; resolver: KeyResolver } | undefined> =
    [];

  constructor(
    issuers: Readonly<Record<string, KeySource>>,
    private readonly audience: string,
    private readonly limits: TokenLimits = DEFAULT_TOKEN_LIMITS,
  ) {
    for (const [issuer, source] of Object.entries(issuers)) {
      if ('publishedFile' in source) this.published.push(publishedFileReader(source.publishedFile));
      else this.resolvers.set(issuer, resolverFor(source));
    }
  }

  async verify(token: string): Promise<Principal> {
    return (await this.verifyToken(token)).principal;
  }

  /** The principal and the token's `iat`, from one decode (the guard needs both on every request). */
  async verifyToken(token: string): Promise<VerifiedToken> {
    const known = this.verified.get(token);
    if (known && known.expiresAtMs > Date.now()) return known.verified;
    if (known) this.verified.delete(token);
    const entry = await this.verifySignature(token);
    if (this.verified.size >= 10_000)
      this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(token, entry);
    return entry.verified;
  }

  private async verifySignature(
    token: string,
  ): Promise<{ verified: VerifiedToken; expiresAtMs: number }> {
    let issuer: unknown;
    try {
      issuer = decodeJwt(token).iss;
    } catch {
      throw new InvalidTokenError('not a JWT');
    }
    const resolver =
      typeof issuer === 'string'
        ? (this.resolvers.get(issuer) ?? this.publishedResolver(issuer))
        : undefined;
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
      return {
        verified: { principal, issuedAt: payload.iat as number },
        expiresAtMs: (payload.exp as number) * 1000,
      };
    } catch (error) {
      if (error instanceof InvalidTokenError) throw error;
      if (error instanceof errors.JWTExpired) throw new InvalidTokenError('expired');
      if (error instanceof errors.JWTClaimValidationFailed)
        throw new InvalidTokenError(`claim ${error.claim} refused`);
      throw new InvalidTokenError(
        error instanceof errors.JOSEError ? error.code : 'verification failed',
      );
    }
  }

  private publishedResolver(issuer: string): (() => KeyResolver) | undefined {
    for (const read of this.published) {
      const file = read();
      if (file?.issuer === issuer) return () => file.resolver;
    }
    return undefined;
  }
}

/**
 * Comma-separated entries, each one of:
 * - `https://auth.example.com`: an issuer URL alone; its keys are found through its RFC 8414 metadata;
 * - `<issuer>=https://host/.well-known/jwks.json` or `<issuer>=file:/path/keys.json`: an issuer and its JWKS;
 * - `file:/data/keys/auth-service.jwks.json`: a JWKS file that names its issuer (what issuers write in embedded mode).
 */
export function parseTrustedIssuers(text: string): Record<string, KeySource> {
  const issuers: Record<string, KeySource> = {};
  for (const entry of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    if (entry.startsWith('file:')) {
      issuers[entry] = { publishedFile: entry.slice(5) };
      continue;
    }
    const at = entry.indexOf('=');
    if (at < 0 && /^https?:\/\//.test(entry)) {
      // RFC 8414 §2: an issuer URL has no query or fragment.
      const url = new URL(entry);
      if (url.search || url.hash)
        throw new Error(`"${entry}" is not an issuer URL (no query or fragment)`);
      issuers[entry] = { discovery: entry };
      continue;
    }
    if (at <= 0)
      throw new Error(`"${entry}" is not an issuer URL, issuer=url-or-file:path, or file:path`);
    const issuer = entry.slice(0, at);
    const location = entry.slice(at + 1);
    issuers[issuer] = location.startsWith('file:')
      ? { file: location.slice(5) }
      : { url: new URL(location).toString() };
  }
  return issuers;
}

/** RFC 8414 §3: the well-known segment goes between the host and the issuer's path. */
export function authorizationServerMetadataUrl(issuer: string): string {
  const url = new URL(issuer);
  const path = url.pathname === '/' ? '' : url.pathname.replace(/\/$/, '');
  return `${url.origin}/.well-known/oauth-authorization-server${path}`;
}

function resolverFor(source: Exclude<KeySource, { publishedFile: string }>): () => KeyResolver {
  if ('discovery' in source) return discoveryResolver(source.discovery);
  if ('url' in source) {
    const remote = createRemoteJWKSet(new URL(source.url), {
      cooldownDuration: 30_000,
      cacheMaxAge: 600_000,
    });
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

/**
 * Keys of an issuer known by its URL only: its metadata is fetched at the first token it signed,
 * must name the same issuer, and gives the jwks_uri; a failed fetch is tried again 30 s later.
 */
function discoveryResolver(issuer: string): () => KeyResolver {
  let keys: Promise<ReturnType<typeof createRemoteJWKSet>> | undefined;
  let failedAtMs = 0;
  const load = async () => {
    const response = await fetch(authorizationServerMetadataUrl(issuer), {
      signal: AbortSignal.timeout(5_000),
      redirect: 'error',
    });
    if (!response.ok) throw new InvalidTokenError('issuer metadata unavailable');
    const metadata = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
    if (metadata.issuer !== issuer || typeof metadata.jwks_uri !== 'string')
      throw new InvalidTokenError('issuer metadata invalid');
    return createRemoteJWKSet(new URL(metadata.jwks_uri), {
      cooldownDuration: 30_000,
      cacheMaxAge: 600_000,
    });
  };
  const resolver = async (...args: Parameters<KeyResolver>) => {
    if (!keys) {
      if (Date.now() - failedAtMs < 30_000)
        throw new InvalidTokenError('issuer metadata unavailable');
      keys = load().catch((error: unknown) => {
        keys = undefined;
        failedAtMs = Date.now();
        throw error instanceof InvalidTokenError
          ? error
          : new InvalidTokenError('issuer metadata unavailable');
      });
    }
    return (await keys)(...args);
  };
  return () => resolver as unknown as KeyResolver;
}

/** A published JWKS file (with its `issuer`), re-read when it changes; undefined while it does not exist. */
function publishedFileReader(
  path: string,
): () => { issuer?: unknown; resolver: KeyResolver } | undefined {
  let cached: { mtimeMs: number; issuer?: unknown; resolver: KeyResolver } | undefined;
  return () => {
    let mtimeMs: number;
    try {
      mtimeMs = statSync(path).mtimeMs;
    } catch {
      return undefined;
    }
    if (!cached || cached.mtimeMs !== mtimeMs) {
      try {
        const jwks = JSON.parse(readFileSync(path, 'utf8')) as JSONWebKeySet & { issuer?: unknown };
        cached = { mtimeMs, issuer: jwks.issuer, resolver: createLocalJWKSet(jwks) };
      } catch {
        return undefined;
      }
    }
    return cached;
  };
}
