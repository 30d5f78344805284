import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  randomBytes,
  randomInt,
} from 'node:crypto';

/** Lowercase hex SHA-256: the only form in which tokens and codes reach events. */
export const sha256 = (value: string): string =>
  createHash('sha256').update(value, 'utf8').digest('hex');

/** An opaque bearer secret (refresh token, trusted-device token): 256 bits, URL-safe. */
export const newOpaqueToken = (): string => randomBytes(32).toString('base64url');

/** A 6-digit one-time code, uniform over 000000..999999. */
export const newSixDigitCode = (): string => String(randomInt(0, 1_000_000)).padStart(6, '0');

/**
 * AES-256-GCM with a random 96-bit nonce; `v1.<nonce>.<tag>.<ciphertext>` in base64url, so a later
 * key or algorithm change can be told apart by its prefix.
 */
export class SecretBox {
  private readonly fingerprintKey: Buffer;

  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('the data key must be 32 bytes');
    this.fingerprintKey = Buffer.from(
      hkdfSync('sha256', key, Buffer.alloc(0), 'accounts fingerprint v1', 32),
    );
  }

  /** A keyed, stable hex digest of a value (e.g. an unknown user name): nobody without the key can test guesses. */
  fingerprint(value: string): string {
    return createHmac('sha256', this.fingerprintKey).update(value, 'utf8').digest('hex');
  }

  encrypt(plain: string): string {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', nonce, cipher.getAuthTag(), body]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.');
  }

  decrypt(sealed: string): string {
    const [version, nonce, tag, body] = sealed.split('.');
    if (version !== 'v1' || !nonce || !tag || body === undefined)
      throw new Error('not a sealed secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(nonce, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([
      decipher.update(Buffer.from(body, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  }
}
