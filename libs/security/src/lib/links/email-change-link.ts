import { createHash, createHmac } from 'node:crypto';

/**
 * The token of one email-change confirmation link: base64url(HMAC-SHA-256(key,
 * email-change:<accountId>:<requestId>)), with the activation link key (see activation-link-key.ts).
 * The label differs from activation's, so one kind of token can never be replayed as the other.
 */
export function emailChangeLinkToken(
  key: Buffer,
  accountId: string,
  requestId: string,
): { token: string; sha256: string } {
  const token = createHmac('sha256', key)
    .update(`email-change:${accountId}:${requestId}`)
    .digest('base64url');
  return { token, sha256: sha256Hex(token) };
}

/** Lowercase hex SHA-256 of a token as received, to compare with the recorded hash. */
export function sha256Hex(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
