import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateKey, type StoredKeySource } from './load-or-create-key';

describe('loadOrCreateKey (real files in a temp folder)', () => {
  let dataDir: string;
  const source = (overrides: Partial<StoredKeySource> = {}): StoredKeySource => ({
    configured: undefined,
    fromConfigured: (value) => Buffer.from(value, 'base64'),
    dataDir,
    file: 'test.key',
    bytes: 32,
    ...overrides,
  });
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'keys-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('generates the key once, readable by the owner only, and gives the same key on every start', () => {
    const first = loadOrCreateKey(source());
    expect(first).toHaveLength(32);
    expect(statSync(join(dataDir, 'keys', 'test.key')).mode & 0o777).toBe(0o600);
    expect(loadOrCreateKey(source())).toEqual(first);
  });

  it('uses the configured value first, parsed by the caller', () => {
    const configured = Buffer.alloc(32, 7).toString('base64');
    expect(loadOrCreateKey(source({ configured }))).toEqual(Buffer.alloc(32, 7));
  });

  it('refuses to generate a key in production, with the message that says what to set', () => {
    expect(() =>
      loadOrCreateKey(source({ production: { is: true, message: 'TEST_KEY must be set' } })),
    ).toThrow('TEST_KEY must be set');
  });

  it('refuses a key file of the wrong length instead of using a weak key', () => {
    loadOrCreateKey(source());
    writeFileSync(join(dataDir, 'keys', 'test.key'), Buffer.alloc(8).toString('base64'));
    expect(() => loadOrCreateKey(source())).toThrow(/does not hold base64 of 32 bytes/);
  });
});
