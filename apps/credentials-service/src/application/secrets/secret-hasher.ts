import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const SCHEME = 'hmac-sha256:';

/**
 * Stores API secrets as HMAC-SHA-256 under a server-side pepper.
 *
 * Why not argon2/bcrypt: slow hashes protect LOW-entropy passwords from guessing. Our secrets carry
 * 256 random bits, so no guessing attack exists to slow down, while a 50 ms hash per token request
 * would cap the service far below 2,000 grants/s. The pepper (a key kept out of the event store)
 * makes a leaked hash useless on its own: it cannot even be checked against a candidate secret.
 */
export class SecretHasher {
  // Compared against when there is no stored hash, so an unknown clientId costs what a known one does.
  private readonly dummy: Buffer;

  constructor(private readonly pepper: Buffer) {
    if (pepper.length < 32) throw new Error('the secret pepper must be at least 32 bytes');
    this.dummy = this.digest(randomBytes(32).toString('base64url'));
  }

  hash(secret: string): string {
    return SCHEME + this.digest(secret).toString('base64url');
  }

  /** Constant time: as long for a missing or malformed stored hash as for a real one. */
  matches(secret: string, storedHash: string | null | undefined): boolean {
    const actual = this.digest(secret);
    const expected = decode(storedHash);
    const same = timingSafeEqual(actual, expected ?? this.dummy);
    return same && expected !== undefined;
  }

  private digest(secret: string): Buffer {
    return createHmac('sha256', this.pepper).update(secret, 'utf8').digest();
  }
}

function decode(storedHash: string | null | undefined): Buffer | undefined {
  if (!storedHash?.startsWith(SCHEME)) return undefined;
  const bytes = Buffer.from(storedHash.slice(SCHEME.length), 'base64url');
  return bytes.length === 32 ? bytes : undefined;
}
