import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_SECRET_PREFIX, isWellFormedApiSecret, newApiSecret, newClientId } from './api-secret';
import { loadPepper } from './pepper';
import { SecretHasher } from './secret-hasher';

describe('API secrets', () => {
  it('carry 256 random bits behind a scanner-friendly prefix and a checksum', () => {
    const secret = newApiSecret();
    expect(secret).toMatch(/^acs_[0-9A-Za-z]{49}$/);
    expect(isWellFormedApiSecret(secret)).toBe(true);
    // 43 base62 characters: log2(62) * 43 = 256.03 bits.
    expect(Math.log2(62) * 43).toBeGreaterThanOrEqual(256);
    const typo = secret.slice(0, 10) + (secret[10] === 'a' ? 'b' : 'a') + secret.slice(11);
    expect(isWellFormedApiSecret(typo)).toBe(false);
    expect(isWellFormedApiSecret(`${API_SECRET_PREFIX}short`)).toBe(false);
  });

  it('are all different, as are client ids', () => {
    const secrets = new Set(Array.from({ length: 1000 }, newApiSecret));
    expect(secrets.size).toBe(1000);
    expect(newClientId()).toMatch(/^aci_[0-9A-Za-z]{22}$/);
  });

  it('are stored as a keyed hash that only the same pepper recognises', () => {
    const hasher = new SecretHasher(randomBytes(32));
    const secret = newApiSecret();
    const hash = hasher.hash(secret);
    expect(hash).toMatch(/^hmac-sha256:[A-Za-z0-9_-]{43}$/);
    expect(hash).not.toContain(secret.slice(4));
    expect(hasher.matches(secret, hash)).toBe(true);
    expect(hasher.matches(newApiSecret(), hash)).toBe(false);
    expect(new SecretHasher(randomBytes(32)).matches(secret, hash)).toBe(false);
    expect(hasher.matches(secret, undefined)).toBe(false);
    expect(hasher.matches(secret, 'hmac-sha256:garbage')).toBe(false);
  });

  it('use a pepper generated once into the data folder in embedded mode, and a configured one in production', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pepper-'));
    try {
      const first = loadPepper({ DATA_DIR: dataDir });
      expect(first).toHaveLength(32);
      expect(loadPepper({ DATA_DIR: dataDir })).toEqual(first);
      expect(statSync(join(dataDir, 'keys', 'credentials-service.pepper')).mode & 0o777).toBe(
        0o600,
      );
      const configured = 'x'.repeat(40);
      expect(
        loadPepper({ DATA_DIR: dataDir, CREDENTIALS_SECRET_PEPPER: configured }).toString(),
      ).toBe(configured);
      expect(() =>
        loadPepper({ DATA_DIR: dataDir, EVENTSTORE_CONNECTION_STRING: 'esdb://x:2113' }),
      ).toThrow('CREDENTIALS_SECRET_PEPPER must be set');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
