import { parseTrustedIssuers } from '@accounts/security';
import {
  baseConfigSchema,
  type ConfigOf,
  type ConfigVar,
  ConfigValueError,
  int,
  kafkaConfigSchema,
  port,
  str,
  url,
} from '@accounts/service-kit';
import { resolve } from 'node:path';

/** Every environment variable profile-service reads; validated at start, documented in the README. */
export const profileConfigSchema = {
  ...baseConfigSchema,
  PORT: port({ description: 'HTTP port profile-service listens on', default: 3001 }),
  BOOTSTRAP_TOKEN: str({
    description:
      'Lets POST /organizations create an organization when the server already has one (header X-Bootstrap-Token); unset: only the first organization can be created',
    optional: true,
    secret: true,
    minLength: 16,
  }),
  TRUSTED_ISSUERS: trustedIssuers(
    'Issuers whose access tokens are accepted and where their public keys are: issuer=url or issuer=file:path, comma-separated; unset: auth-service=file:${DATA_DIR}/keys/auth-service.jwks.json (embedded)',
  ),
  JWT_AUDIENCE: str({ description: 'Audience an access token must be issued for', default: 'accounts' }),
  WEB_ORIGIN: url({
    description: 'Origin of the web page, used to build activation links (<WEB_ORIGIN>/activate?token=...)',
    protocols: ['http', 'https'],
    default: 'http://localhost:3000',
  }),
  NODE_ENV: str({
    description:
      'production hides development conveniences: outside production and with the embedded store, activation links are returned in API answers',
    optional: true,
  }),
  READ_YOUR_WRITES_TIMEOUT_MS: int({
    description: 'How long a write waits for the account directory to show it before answering anyway',
    min: 0,
    max: 60_000,
    default: 2_000,
  }),
  ...kafkaConfigSchema,
};

/** Checked at start, so a typo stops the service with the variable named instead of failing every request. */
function trustedIssuers(description: string): ConfigVar<string | undefined> {
  return {
    description,
    expected: 'issuer=https://host/.well-known/jwks.json or issuer=file:/path/keys.json, comma-separated',
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

export type ProfileConfig = ConfigOf<typeof profileConfigSchema>;

/** Embedded default: auth-service publishes its public keys in the shared data folder. */
export function trustedIssuersOf(config: Pick<ProfileConfig, 'TRUSTED_ISSUERS' | 'DATA_DIR'>): string {
  return config.TRUSTED_ISSUERS ?? `auth-service=file:${resolve(config.DATA_DIR, 'keys', 'auth-service.jwks.json')}`;
}

/** Activation links go back to the caller only in development with the embedded store (no email yet). */
export function exposesActivationLinks(config: Pick<ProfileConfig, 'NODE_ENV' | 'EVENTSTORE_CONNECTION_STRING'>): boolean {
  return config.NODE_ENV !== 'production' && !config.EVENTSTORE_CONNECTION_STRING;
}
