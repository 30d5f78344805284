import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeLimiterStoreContract } from '../contract/limiter-store.contract';
import { SqliteLimiterStore } from './sqlite-limiter-store';

const dir = mkdtempSync(join(tmpdir(), 'limiter-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fresh = 0;

describeLimiterStoreContract(
  'SQLite',
  (shared) => new SqliteLimiterStore(join(dir, `${shared ?? `own-${++fresh}`}.sqlite`)),
);

describe('SqliteLimiterStore', () => {
  it('creates its file readable by its owner only', () => {
    const path = join(dir, 'private', 'auth-service-limits.sqlite');
    const store = new SqliteLimiterStore(path);
    store.update('k', 0, () => ({ state: 1, expiresAtMs: 10 }));
    store.close();
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'private')).mode & 0o777).toBe(0o700);
  });

  it('hands out remembered states that no caller can change for the next one', () => {
    const store = new SqliteLimiterStore(join(dir, 'frozen.sqlite'));
    store.update('k', 0, () => ({ state: { at: [1, 2] }, expiresAtMs: 10 }));
    const first = store.get<{ at: number[] }>('k', 5);
    expect(() => first?.at.push(3)).toThrow(TypeError);
    expect(store.get('k', 5)).toEqual({ at: [1, 2] });
    // Remembered with its expiry: gone at it, without another read.
    expect(store.get('k', 10)).toBeUndefined();
    store.close();
  });
});
