import {
  baseConfigSchema,
  type ConfigOf,
  int,
  kafkaConfigSchema,
  port,
  str,
  tokenVerificationConfigSchema,
  url,
} from '@accounts/service-kit';

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
  ...tokenVerificationConfigSchema,
  WEB_ORIGIN: url({
    description:
      'Origin of the web page, used to build activation links (<WEB_ORIGIN>/activate?token=...)',
    protocols: ['http', 'https'],
    default: 'http://localhost:3000',
  }),
  NODE_ENV: str({
    description:
      'production hides development conveniences: outside production and with the embedded store, activation links are returned in API answers',
    optional: true,
  }),
  ACTIVATION_LINK_KEY: str({
    description:
      'Key (base64 of 32 bytes) activation links are derived from; the same value in profile-service and auth-service (whose notifier emails the link). Unset: generated into ${DATA_DIR}/keys/activation-link.key; required in production',
    optional: true,
    secret: true,
  }),
  READ_YOUR_WRITES_TIMEOUT_MS: int({
    description:
      'How long a write waits for the account directory to show it before answering anyway',
    min: 0,
    max: 60_000,
    default: 2_000,
  }),
  ...kafkaConfigSchema,
};

export type ProfileConfig = ConfigOf<typeof profileConfigSchema>;

/** Activation links go back to the caller only in development with the embedded store (no email yet). */
export function exposesActivationLinks(
  config: Pick<ProfileConfig, 'NODE_ENV' | 'EVENTSTORE_CONNECTION_STRING'>,
): boolean {
  return config.NODE_ENV !== 'production' && !config.EVENTSTORE_CONNECTION_STRING;
}
