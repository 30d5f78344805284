import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

/** Owner only: the stores hold argon2 hashes, personal data and checkpoints. */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Creates a SQLite file (and its folder) readable by its owner only, before SQLite opens it:
 * SQLite gives the -wal and -shm files the mode of the database file. Files left 0644 by an
 * older version are narrowed too.
 */
export function preparePrivateSqliteFile(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: PRIVATE_DIR_MODE });
  // An empty file is a valid new SQLite database.
  closeSync(openSync(path, 'a', PRIVATE_FILE_MODE));
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    if (existsSync(file)) narrowToOwner(file);
  }
}

function narrowToOwner(file: string): void {
  try {
    chmodSync(file, PRIVATE_FILE_MODE);
  } catch (error) {
    // Another user's file in a shared folder: not ours to change, and SQLite will say if it cannot open it.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') throw error;
  }
}
