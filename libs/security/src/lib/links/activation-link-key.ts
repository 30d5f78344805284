import { createHash, createHmac } from 'node:crypto';
import { loadOrCreateKey } from '../keys/load-or-create-key';

/**
 * The key activation tokens are derived from, shared by profile-service (which records the token's
 * hash in AccountRegistered) and auth-service (whose notices reactor rebuilds the link to email it).
 * The token itself is therefore never stored, logged or published: only someone holding this key
 * can make it. ACTIVATION_LINK_KEY (base64 of 32 bytes) in production; embedded, generated once into
 * the shared `${DATA_DIR}/keys/activation-link.key` (0600).
 */
export function loadActivationLinkKey(dataDir: string, configured: string | undefined): Buffer {
  return loadOrCreateKey({
    configured,
    fromConfigured: (value) => {
      const key = Buffer.from(value, 'base64');
      if (key.length !== 32) throw new Error('ACTIVATION_LINK_KEY must be base64 of 32 bytes');
      return key;
    },
    dataDir,
    file: 'activation-link.key',
    bytes: 32,
  });
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
