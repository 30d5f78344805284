import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

/**
 * The TOTP data key: TOTP_ENCRYPTION_KEY when set (production), else generated once into
 * `${DATA_DIR}/keys/auth-service.data-key` (0600) so that embedded restarts can still decrypt.
 */
export function loadDataKey(dataDir: string, configured: string | undefined): Buffer {
  if (configured) return Buffer.from(configured, 'base64');
  const dir = join(dataDir, 'keys');
  const file = join(dir, 'auth-service.data-key');
  if (existsSync(file)) {
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`${file} does not hold base64 of 32 bytes`);
    return key;
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  // 'wx': two processes starting together must not overwrite each other's key.
  try {
    writeFileSync(file, key.toString('base64'), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadDataKey(dataDir, undefined);
    throw error;
  }
  chmodSync(file, 0o600);
  return key;
}
