import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface OperationsTokenConfig {
  readonly OPERATIONS_TOKEN?: string;
  readonly DATA_DIR: string;
  readonly EVENTSTORE_CONNECTION_STRING?: string;
}

/** Where the embedded setup keeps the operations token that every service of the machine shares. */
export function operationsTokenPath(dataDir: string): string {
  return join(resolve(dataDir), 'keys', 'operations.token');
}

/**
 * OPERATIONS_TOKEN, or in embedded mode the token in `${DATA_DIR}/keys/operations.token` (created
 * 0600 by the first service that starts, so `npm run audit` on the same machine finds it). With
 * EVENTSTORE_CONNECTION_STRING and no OPERATIONS_TOKEN the operations API stays closed (undefined).
 */
export function loadOperationsToken(config: OperationsTokenConfig): string | undefined {
  if (config.OPERATIONS_TOKEN) return config.OPERATIONS_TOKEN;
  if (config.EVENTSTORE_CONNECTION_STRING) return undefined;
  const path = operationsTokenPath(config.DATA_DIR);
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    mkdirSync(join(path, '..'), { recursive: true, mode: 0o700 });
    try {
      // 'wx': when services start together, one writes and the others read what it wrote.
      writeFileSync(path, randomBytes(32).toString('base64url'), {
        flag: 'wx',
        mode: 0o600,
      });
      chmodSync(path, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    return readFileSync(path, 'utf8').trim();
  }
}
