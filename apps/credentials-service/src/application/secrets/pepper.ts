import { loadOrCreateKey } from '@accounts/security';

export interface PepperSettings {
  readonly CREDENTIALS_SECRET_PEPPER?: string;
  readonly EVENTSTORE_CONNECTION_STRING?: string;
  readonly DATA_DIR: string;
}

/**
 * The HMAC key of stored secrets: from configuration, or in embedded mode from
 * `${DATA_DIR}/keys/credentials-service.pepper`, created (0600) on first start. Production must
 * configure it: replicas generating their own would not recognise each other's hashes.
 */
export function loadPepper(settings: PepperSettings): Buffer {
  return loadOrCreateKey({
    configured: settings.CREDENTIALS_SECRET_PEPPER,
    fromConfigured: (value) => Buffer.from(value, 'utf8'),
    production: {
      is: !!settings.EVENTSTORE_CONNECTION_STRING,
      message:
        'CREDENTIALS_SECRET_PEPPER must be set when EVENTSTORE_CONNECTION_STRING is (every replica needs the same pepper)',
    },
    dataDir: settings.DATA_DIR,
    file: 'credentials-service.pepper',
    fileEncoding: 'base64url',
  });
}
