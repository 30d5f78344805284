import { join, resolve } from 'node:path';
import { parseTrustedIssuers, TokenVerifier } from '@accounts/security';
import { type ConfigVar, ConfigValueError } from './config-var';
import { int, str, url } from './config-vars';

/** The variables every service that verifies access tokens reads (all three). */
export const tokenVerificationConfigSchema = {
  TRUSTED_ISSUERS: trustedIssuersVar(),
  JWT_AUDIENCE: str({
    description: 'Audience of the access tokens issued and accepted',
    default: 'accounts',
  }),
  RECENT_SIGN_IN_SECONDS: int({
    description:
      'How recent a sign-in must be (auth_time) to weaken an account: sign-in method, email, mobile phone, administrator security changes',
    min: 60,
    max: 86_400,
    default: 900,
  }),
};

/**
 * TRUSTED_ISSUERS, or the embedded default: the keys auth-service and credentials-service publish in
 * the shared data folder (each file names its issuer URL), so people's and API tokens work everywhere.
 */
export function trustedIssuersOf(config: {
  readonly TRUSTED_ISSUERS?: string;
  readonly DATA_DIR: string;
}): string {
  const keys = join(resolve(config.DATA_DIR), 'keys');
  return (
    config.TRUSTED_ISSUERS ??
    `file:${join(keys, 'auth-service.jwks.json')},file:${join(keys, 'credentials-service.jwks.json')}`
  );
}

export function createTokenVerifier(config: {
  readonly TRUSTED_ISSUERS?: string;
  readonly DATA_DIR: string;
  readonly JWT_AUDIENCE: string;
}): TokenVerifier {
  return new TokenVerifier(parseTrustedIssuers(trustedIssuersOf(config)), config.JWT_AUDIENCE);
}

function trustedIssuersVar(): ConfigVar<string | undefined> {
  return {
    description:
      'Issuers whose access tokens are accepted, comma-separated: an issuer URL alone (keys found through its /.well-known/oauth-authorization-server), issuer=jwks-url, issuer=file:path, or file:path of a JWKS that names its issuer; unset: file:${DATA_DIR}/keys/auth-service.jwks.json,file:${DATA_DIR}/keys/credentials-service.jwks.json (embedded)',
    expected:
      'https://issuer, issuer=https://host/.well-known/jwks.json, issuer=file:/path/keys.json or file:/path/keys.json, comma-separated',
    optional: true,
    secret: false,
    parse(raw) {
      try {
        if (Object.keys(parseTrustedIssuers(raw)).length === 0) throw new Error('no issuer');
      } catch {
        throw new ConfigValueError('not a list of issuer=location');
      }
      return raw;
    },
  };
}

/** The variable of a service that issues tokens (auth-service, credentials-service). */
export const issuerConfigSchema = {
  PUBLIC_URL: url({
    description:
      'URL clients and resource servers reach this service at: the issuer (iss) of its tokens and of its /.well-known/oauth-authorization-server metadata; unset: http://HOST:PORT (localhost for 0.0.0.0)',
    protocols: ['http', 'https'],
    optional: true,
  }),
};

/** PUBLIC_URL without a trailing slash, or the local URL the service listens on. */
export function publicUrlOf(config: {
  readonly PUBLIC_URL?: string;
  readonly HOST: string;
  readonly PORT: number;
}): string {
  if (config.PUBLIC_URL) return config.PUBLIC_URL.replace(/\/+$/, '');
  const host =
    config.HOST === '0.0.0.0' || config.HOST === '::'
      ? 'localhost'
      : config.HOST.includes(':')
        ? `[${config.HOST}]`
        : config.HOST;
  return `http://${host}:${config.PORT}`;
}
