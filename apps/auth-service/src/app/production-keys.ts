import type { AuthConfig } from '../config';

/**
 * Production (NODE_ENV=production or EventStoreDB configured) runs several replicas: keys generated
 * by each would make them reject each other's tokens and unable to read each other's TOTP secrets.
 */
/** The variables that decide it; the rest of the configuration does not matter here. */
type KeySettings = Partial<
  Pick<
    AuthConfig,
    | 'NODE_ENV'
    | 'EVENTSTORE_CONNECTION_STRING'
    | 'SIGNING_KEYS'
    | 'TOTP_ENCRYPTION_KEY'
  >
>;

export function assertProductionKeys(config: KeySettings): void {
  const production =
    config.NODE_ENV === 'production' || !!config.EVENTSTORE_CONNECTION_STRING;
  if (!production) return;
  const missing = (['SIGNING_KEYS', 'TOTP_ENCRYPTION_KEY'] as const).filter(
    (name) => !config[name],
  );
  if (missing.length > 0)
    throw new Error(
      `${missing.join(' and ')} must be set in production (NODE_ENV=production or EVENTSTORE_CONNECTION_STRING set): every replica must share the same keys`,
    );
}
