import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface StoredKeySource {
  /** The value configured (an environment variable), if any: it wins. */
  readonly configured: string | undefined;
  /** Turns the configured value into the key (and refuses a malformed one). */
  readonly fromConfigured: (value: string) => Buffer;
  /** Embedded mode: `${dataDir}/keys/<file>`, created once (0600). */
  readonly dataDir: string;
  readonly file: string;
  readonly fileEncoding?: 'base64' | 'base64url';
  /** The file must hold this many bytes (it is refused otherwise). */
  readonly bytes?: number;
  /** Replicas generating their own keys would not understand each other: then the key must be configured. */
  readonly production?: { readonly is: boolean; readonly message: string };
}

/**
 * A service secret: configured in production, generated once into the data folder in embedded mode so
 * that restarts keep it. Two processes starting together both end up with the first one's key ('wx').
 */
export function loadOrCreateKey(source: StoredKeySource): Buffer {
  if (source.configured) return source.fromConfigured(source.configured);
  if (source.production?.is) throw new Error(source.production.message);
  const encoding = source.fileEncoding ?? 'base64';
  const dir = join(source.dataDir, 'keys');
  const file = join(dir, source.file);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    try {
      writeFileSync(file, randomBytes(source.bytes ?? 32).toString(encoding), {
        mode: 0o600,
        flag: 'wx',
      });
      chmodSync(file, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), encoding);
  if (source.bytes !== undefined && key.length !== source.bytes)
    throw new Error(`${file} does not hold ${encoding} of ${source.bytes} bytes`);
  return key;
}
