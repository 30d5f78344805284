import {
  baseConfigSchema,
  type ConfigOf,
  int,
  kafkaConfigSchema,
  port,
  profileEventsSourceConfigSchema,
  str,
  issuerConfigSchema,
  tokenVerificationConfigSchema,
} from '@accounts/service-kit';

/** Every environment variable credentials-service reads; validated at start, documented in the README. */
export const credentialsConfigSchema = {
  ...baseConfigSchema,
  PORT: port({ description: 'HTTP port credentials-service listens on', default: 3003 }),
  CREDENTIALS_SECRET_PEPPER: str({
    description:
      'Server-side key of the HMAC-SHA-256 that API secrets are stored as (at least 32 characters; the same on every replica). Unset in embedded mode: generated into DATA_DIR/keys/credentials-service.pepper; required with EVENTSTORE_CONNECTION_STRING',
    minLength: 32,
    optional: true,
    secret: true,
  }),
  CREDENTIALS_MAX_PER_ACCOUNT: int({
    description: 'API credentials an account may hold at once (revoked ones do not count)',
    min: 1,
    max: 1000,
    default: 10,
  }),
  CREDENTIALS_RECENT_SIGN_IN_SECONDS: int({
    description:
      'Former name of RECENT_SIGN_IN_SECONDS (how recent a sign-in must be to generate or regenerate a secret), still accepted: when set it wins over RECENT_SIGN_IN_SECONDS',
    min: 60,
    max: 86_400,
    optional: true,
  }),
  ACCESS_TOKEN_TTL_SECONDS: int({
    description: 'Lifetime of the access tokens POST /oauth/token issues',
    min: 30,
    max: 300,
    default: 300,
  }),
  CLIENT_BACKOFF_AFTER_FAILURES: int({
    description:
      'Failed client authentications in a row after which POST /oauth/token answers 429 for that clientId from that address (and for every address that failed for it)',
    min: 1,
    max: 1000,
    default: 5,
  }),
  CLIENT_BACKOFF_MAX_SECONDS: int({
    description:
      'Longest back-off of a clientId after repeated failures (it doubles from 1 s up to this)',
    min: 1,
    max: 86_400,
    default: 900,
  }),
  CLIENT_ADDRESS_FAILURE_LIMIT: int({
    description:
      'Failed client authentications from one client address (any clientIds; TRUST_PROXY decides the address) after which it gets 429, doubling from 1 s; forgotten after 15 quiet minutes',
    min: 1,
    max: 100_000,
    default: 20,
  }),
  LAST_USED_FLUSH_MS: int({
    description:
      'How often the "last used" times of credentials are written to the read model (one transaction)',
    min: 10,
    max: 60_000,
    default: 1000,
  }),
  ...tokenVerificationConfigSchema,
  ...issuerConfigSchema,
  SIGNING_KEYS: str({
    description:
      'JSON array of private JWKs (Ed25519, with kid; newest last) signing the access tokens. Unset in embedded mode: generated into DATA_DIR/keys/credentials-service.private.json; required with EVENTSTORE_CONNECTION_STRING',
    optional: true,
    secret: true,
  }),
  ...kafkaConfigSchema,
  ...profileEventsSourceConfigSchema,
};

export type CredentialsConfig = ConfigOf<typeof credentialsConfigSchema>;
