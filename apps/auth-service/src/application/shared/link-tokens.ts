import { createHmac, hkdfSync } from 'node:crypto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAC_BYTES = 32;

/**
 * Tokens of emailed links (password reset), derived instead of stored: token = base64url(accountId
 * as 16 bytes || HMAC-SHA-256(linkKey, purpose:linkId)). The store keeps the link id and the token's
 * SHA-256 only, so the notifier, holding the key, can rebuild the link from the event, and nobody
 * reading the store, a log or a topic can. linkKey is derived from the data key (HKDF), never the key itself.
 */
export class LinkTokens {
  private readonly key: Buffer;

  constructor(dataKey: Buffer) {
    this.key = Buffer.from(
      hkdfSync('sha256', dataKey, Buffer.alloc(0), 'auth-service link tokens v1', 32),
    );
  }

  token(purpose: 'password-reset', accountId: string, linkId: string): string {
    const mac = createHmac('sha256', this.key).update(`${purpose}:${linkId}`).digest();
    return Buffer.concat([Buffer.from(accountId.replace(/-/g, ''), 'hex'), mac]).toString(
      'base64url',
    );
  }

  /** The account a token names, or null for anything that is not a token of ours in form. */
  static accountOf(token: string): string | null {
    const bytes = Buffer.from(token, 'base64url');
    if (bytes.length !== 16 + MAC_BYTES || bytes.toString('base64url') !== token) return null;
    const hex = bytes.subarray(0, 16).toString('hex');
    const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    return UUID.test(id) ? id : null;
  }
}
