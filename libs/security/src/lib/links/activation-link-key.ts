import { createHash, createHmac, randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

/**
 * The key activation tokens are derived from, shared by profile-service (which records the token's
 * hash in AccountRegistered) and auth-service (whose notices reactor rebuilds the link to email it).
 * The token itself is therefore never stored, logged or published: only someone holding this key
 * can make it. ACTIVATION_LINK_KEY (base64 of 32 bytes) in production; embedded, generated once into
 * the shared `${DATA_DIR}/keys/activation-link.key` (0600).
 */
export function loadActivationLinkKey(
  dataDir: string,
  configured: string | undefined,
): Buffer {
  if (configured) {
    const key = Buffer.from(configured, 'base64');
    if (key.length !== 32)
      throw new Error('ACTIVATION_LINK_KEY must be base64 of 32 bytes');
    return key;
  }
  const dir = join(dataDir, 'keys');
  const file = join(dir, 'activation-link.key');
  if (existsSync(file)) {
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== 32)
      throw new Error(`${file} does not hold base64 of 32 bytes`);
    return key;
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  try {
    // 'wx': two services starting together must not overwrite each other's key.
    writeFileSync(file, key.toString('base64'), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      return loadActivationLinkKey(dataDir, undefined);
    throw error;
  }
  chmodSync(file, 0o600);
  return key;
}

/** The token of one activation link: base64url(HMAC-SHA-256(key, activation:<accountId>:<linkId>)). */
export function activationLinkToken(
  key: Buffer,
  accountId: string,
  linkId: string,
): { token: string; sha256: string } {
  const token = createHmac('sha256', key)
    .update(`activation:${accountId}:${linkId}`)
    .digest('base64url');
  return {
    token,
    sha256: createHash('sha256').update(token, 'utf8').digest('hex'),
  };
}
