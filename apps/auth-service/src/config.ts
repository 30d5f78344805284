import {
  baseConfigSchema,
  type ConfigOf,
  type ConfigVar,
  ConfigValueError,
  int,
  kafkaConfigSchema,
  oneOf,
  port,
  profileEventsSourceConfigSchema,
  str,
  issuerConfigSchema,
  tokenVerificationConfigSchema,
  url,
} from '@accounts/service-kit';
import { clientAddressLimitsConfigSchema } from './application/shared/client-address-limits.config';

/** Every environment variable auth-service reads; validated at start, documented in the README. */
export const authConfigSchema = {
  ...baseConfigSchema,
  PORT: port({ description: 'HTTP port auth-service listens on', default: 3002 }),
  ...tokenVerificationConfigSchema,
  ...issuerConfigSchema,
  SIGNING_KEYS: str({
    description:
      'Production: JSON array of private JWKs (newest last) shared by every replica; unset: a key ring is generated into ${DATA_DIR}/keys',
    optional: true,
    secret: true,
  }),
  ARGON2_MEMORY_KIB: int({
    description: 'argon2id memory cost in KiB (OWASP: 19456)',
    min: 1024,
    max: 4_194_304,
    default: 19_456,
  }),
  ARGON2_TIME_COST: int({
    description: 'argon2id iterations (OWASP: 2)',
    min: 1,
    max: 100,
    default: 2,
  }),
  ARGON2_PARALLELISM: int({
    description: 'argon2id lanes (OWASP: 1)',
    min: 1,
    max: 64,
    default: 1,
  }),
  TRUSTED_DEVICE_DAYS: int({
    description: 'How long a computer that passed the second factor skips it',
    min: 1,
    max: 365,
    default: 30,
  }),
  SESSION_ABSOLUTE_DAYS: int({
    description: 'However active, a session ends after this many days',
    min: 1,
    max: 365,
    default: 30,
  }),
  TOTP_ENCRYPTION_KEY: dataKey(),
  ACTIVATION_LINK_KEY: activationLinkKey(),
  WEB_ORIGIN: url({
    description: 'Origin of the web page (links in emails)',
    protocols: ['http', 'https'],
    default: 'http://localhost:3000',
  }),
  TOTP_ISSUER: str({ description: 'Issuer name shown in authenticator apps', default: 'Accounts' }),
  ...clientAddressLimitsConfigSchema,
  PASSWORD_RESET_ANSWER_MS: int({
    description:
      'POST /auth/password-reset answers after this long whether or not an account matched (no timing oracle)',
    min: 0,
    max: 10_000,
    default: 400,
  }),
  PASSWORD_RESET_REQUESTS_PER_IP: int({
    description: 'Password reset requests per client address per 15 minutes',
    min: 1,
    max: 100_000,
    default: 10,
  }),
  PASSWORD_RESET_CONFIRMS_PER_IP: int({
    description: 'Password reset confirmations per client address per 15 minutes',
    min: 1,
    max: 100_000,
    default: 20,
  }),
  NODE_ENV: oneOf(['development', 'test', 'production'], {
    description:
      'production: refuse to start without SIGNING_KEYS, TOTP_ENCRYPTION_KEY and ACTIVATION_LINK_KEY (also when EVENTSTORE_CONNECTION_STRING is set)',
    optional: true,
  }),
  ...kafkaConfigSchema,
  ...profileEventsSourceConfigSchema,
};

export type AuthConfig = ConfigOf<typeof authConfigSchema>;

/** A 32-byte AES key, base64; checked at start so a bad key stops the service with its name. */
function dataKey(): ConfigVar<string | undefined> {
  return {
    description:
      'AES-256-GCM key (base64 of 32 bytes) encrypting TOTP secrets; unset: generated into ${DATA_DIR}/keys/auth-service.data-key (0600)',
    expected: 'base64 of 32 bytes',
    optional: true,
    secret: true,
    parse(raw) {
      if (Buffer.from(raw, 'base64').length !== 32)
        throw new ConfigValueError('not base64 of 32 bytes');
      return raw;
    },
  };
}

/** Shared with profile-service: activation tokens are derived from it (see @accounts/security). */
export function activationLinkKey(): ConfigVar<string | undefined> {
  return {
    description:
      'Key (base64 of 32 bytes) activation links are derived from; the same value in profile-service and auth-service. Unset: generated into ${DATA_DIR}/keys/activation-link.key',
    expected: 'base64 of 32 bytes',
    optional: true,
    secret: true,
    parse(raw) {
      if (Buffer.from(raw, 'base64').length !== 32)
        throw new ConfigValueError('not base64 of 32 bytes');
      return raw;
    },
  };
}
