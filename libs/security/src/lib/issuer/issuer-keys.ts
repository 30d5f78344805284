import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JWK } from 'jose';
import { SigningKeyRing } from '../tokens/signing-key-ring';
import { TokenIssuer, type TokenIssuerOptions } from '../tokens/token-issuer';

export interface IssuerKeysOptions {
  /** The issuing service's name: names the key files (`auth-service`, `credentials-service`). */
  readonly service: string;
  readonly dataDir: string;
  /** Production: a JSON array of private JWKs, newest last (SIGNING_KEYS). Unset: embedded mode. */
  readonly signingKeys?: string;
  /** The issuer URL (`iss`), written into the published JWKS file so verifiers on the machine know whose keys they are. */
  readonly issuer?: string;
}

/** Where embedded mode keeps a service's keys: the private ring (0600) and the public JWKS others verify with. */
export function issuerKeyFiles(
  dataDir: string,
  service: string,
): { privateFile: string; jwksFile: string } {
  const dir = join(dataDir, 'keys');
  return {
    privateFile: join(dir, `${service}.private.json`),
    jwksFile: join(dir, `${service}.jwks.json`),
  };
}

/**
 * A token-issuing service's signing keys. Embedded mode: the private ring lives in
 * `${DATA_DIR}/keys/<service>.private.json` and the PUBLIC set is written next to it as
 * `<service>.jwks.json`, so other services on the machine verify from the file
 * (TRUSTED_ISSUERS `<service>=file:...`). Production: the ring comes from SIGNING_KEYS, shared by
 * every replica, and verifiers fetch `/.well-known/jwks.json`.
 */
export class IssuerKeys {
  private constructor(
    readonly ring: SigningKeyRing,
    /** Embedded mode only. */
    readonly jwksFile?: string,
    private readonly issuerName?: string,
  ) {}

  static async load(options: IssuerKeysOptions): Promise<IssuerKeys> {
    if (options.signingKeys) return new IssuerKeys(SigningKeyRing.fromJwks(options.signingKeys));
    const { privateFile, jwksFile } = issuerKeyFiles(options.dataDir, options.service);
    const keys = new IssuerKeys(
      await SigningKeyRing.loadOrCreate(privateFile),
      jwksFile,
      options.issuer,
    );
    // Written at every start: the file always matches the ring, even after a manual rotation.
    keys.publish();
    return keys;
  }

  /** The public JWK set: current and previous key, never a private part. */
  publicJwks(): { keys: JWK[] } {
    return this.ring.publicJwks();
  }

  /** A signer of access tokens with these keys. */
  issuer(
    issuer: string,
    audience: string,
    ttlSeconds = 300,
    options: TokenIssuerOptions = {},
  ): TokenIssuer {
    return new TokenIssuer(this.ring, issuer, audience, ttlSeconds, options);
  }

  /** New signing key; the previous one stays published so tokens already out keep verifying. */
  async rotate(): Promise<void> {
    await this.ring.rotate();
    this.publish();
  }

  private publish(): void {
    if (!this.jwksFile) return;
    mkdirSync(join(this.jwksFile, '..'), { recursive: true, mode: 0o700 });
    // Readers (other services) must never see half a file.
    const temp = `${this.jwksFile}.${process.pid}.tmp`;
    // RFC 7517 §5: members a reader does not know are ignored, so the file stays a plain JWK set.
    const published = this.issuerName
      ? { issuer: this.issuerName, ...this.publicJwks() }
      : this.publicJwks();
    writeFileSync(temp, JSON.stringify(published, null, 2), { mode: 0o600 });
    renameSync(temp, this.jwksFile);
  }
}
