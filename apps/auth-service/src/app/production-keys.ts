import type { AuthConfig } from '../config';

/** The variables that decide it; the rest of the configuration does not matter here. */
type KeySettings = Partial<
  Pick<
    AuthConfig,
    | 'NODE_ENV'
    | 'EVENTSTORE_CONNECTION_STRING'
    | 'SIGNING_KEYS'
    | 'TOTP_ENCRYPTION_KEY'
    | 'ACTIVATION_LINK_KEY'
  >
>;

const REQUIRED = ['SIGNING_KEYS', 'TOTP_ENCRYPTION_KEY', 'ACTIVATION_LINK_KEY'] as const;

/**
 * Production (NODE_ENV=production or EventStoreDB configured) runs several replicas: keys generated
 * by each would make them reject each other's tokens, unable to read each other's TOTP secrets, and
 * unable to rebuild profile-service's activation links.
 */
export function assertProductionKeys(config: KeySettings): void {
  const production = config.NODE_ENV === 'production' || !!config.EVENTSTORE_CONNECTION_STRING;
  if (!production) return;
  const missing = REQUIRED.filter((name) => !config[name]);
  if (missing.length > 0)
    throw new Error(
      `${missing.join(', ')} must be set in production (NODE_ENV=production or EVENTSTORE_CONNECTION_STRING set): every replica must share the same keys`,
    );
}
