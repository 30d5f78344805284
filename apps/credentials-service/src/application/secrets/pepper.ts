import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

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
  if (settings.CREDENTIALS_SECRET_PEPPER) return Buffer.from(settings.CREDENTIALS_SECRET_PEPPER, 'utf8');
  if (settings.EVENTSTORE_CONNECTION_STRING) {
    throw new Error(
      'CREDENTIALS_SECRET_PEPPER must be set when EVENTSTORE_CONNECTION_STRING is (every replica needs the same pepper)',
    );
  }
  const file = join(settings.DATA_DIR, 'keys', 'credentials-service.pepper');
  mkdirSync(join(settings.DATA_DIR, 'keys'), { recursive: true, mode: 0o700 });
  try {
    // 'wx': if two processes start at once, the second one reads the first one's pepper.
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url');
}
