import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, type JWK, type KeyLike } from 'jose';

export const SIGNING_ALGORITHM = 'EdDSA';

interface StoredKey {
  readonly kid: string;
  readonly createdAt: string;
  readonly privateJwk: JWK;
}

/**
 * Ed25519 signing keys: the newest signs, the previous one stays published so tokens signed just
 * before a rotation still verify. Embedded mode keeps them in a 0600 file in the data folder;
 * production passes the private JWK set through configuration.
 */
export class SigningKeyRing {
  private imported?: { kid: string; key: KeyLike | Uint8Array };

  private constructor(
    private keys: StoredKey[],
    private readonly file?: string,
  ) {}

  static async loadOrCreate(file: string): Promise<SigningKeyRing> {
    if (existsSync(file))
      return new SigningKeyRing(JSON.parse(readFileSync(file, 'utf8')).keys, file);
    const ring = new SigningKeyRing([await newKey()], file);
    ring.save();
    return ring;
  }

  /** A ring kept in memory only (tests, or a service given no data folder). */
  static async generate(): Promise<SigningKeyRing> {
    return new SigningKeyRing([await newKey()]);
  }

  /** From a JSON array of private JWKs (with kid), newest last, e.g. from an environment variable. */
  static fromJwks(json: string): SigningKeyRing {
    const jwks = JSON.parse(json) as JWK[];
    if (!Array.isArray(jwks) || jwks.length === 0)
      throw new Error('expected a non-empty JSON array of private JWKs');
    return new SigningKeyRing(
      jwks.map((jwk) => ({ kid: jwk.kid ?? randomUUID(), createdAt: '', privateJwk: jwk })),
    );
  }

  async rotate(): Promise<void> {
    this.keys = [...this.keys, await newKey()].slice(-2);
    this.save();
  }

  /** The key that signs now, as stored (the TokenIssuer imports it once into node:crypto). */
  newest(): { readonly kid: string; readonly privateJwk: JWK } {
    const { kid, privateJwk } = this.keys[this.keys.length - 1];
    return { kid, privateJwk };
  }

  async current(): Promise<{ kid: string; key: KeyLike | Uint8Array }> {
    const newest = this.keys[this.keys.length - 1];
    // Importing a JWK costs about as much as a signature: keep the imported key until the next rotation.
    if (this.imported?.kid !== newest.kid) {
      this.imported = {
        kid: newest.kid,
        key: await importJWK(newest.privateJwk, SIGNING_ALGORITHM),
      };
    }
    return this.imported;
  }

  /** The public JWK set to publish at /.well-known/jwks.json: current and previous key. */
  publicJwks(): { keys: JWK[] } {
    return {
      keys: this.keys.slice(-2).map(({ kid, privateJwk }) => {
        const { d: _private, ...publicJwk } = privateJwk;
        return { ...publicJwk, kid, alg: SIGNING_ALGORITHM, use: 'sig' };
      }),
    };
  }

  private save(): void {
    if (!this.file) return;
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify({ keys: this.keys }, null, 2), { mode: 0o600 });
    renameSync(temp, this.file);
  }
}

async function newKey(): Promise<StoredKey> {
  const { privateKey } = await generateKeyPair(SIGNING_ALGORITHM, {
    crv: 'Ed25519',
    extractable: true,
  });
  return {
    kid: randomUUID(),
    createdAt: new Date().toISOString(),
    privateJwk: await exportJWK(privateKey),
  };
}
