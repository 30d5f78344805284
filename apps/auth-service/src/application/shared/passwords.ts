import argon2 from 'argon2';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Argon2Parameters, commonPasswordList } from '../../domain';
import { argon2ArenaRelease } from './argon2-arena-release';

/** argon2id with the configured (OWASP) parameters; the only place that hashes or verifies passwords. */
export class PasswordHasher {
  private dummyHash: Promise<string> | undefined;
  /** Gives the hash buffer back once the worker stops hashing (null where that cannot work). */
  private readonly arena;

  constructor(readonly parameters: Argon2Parameters) {
    this.arena = argon2ArenaRelease(parameters.memoryCost);
  }

  async hash(password: string): Promise<string> {
    try {
      return await argon2.hash(password, { type: argon2.argon2id, ...this.parameters });
    } finally {
      this.arena?.noteHash();
    }
  }

  /** False for a null hash or any malformed one; never throws on bad input. */
  async verify(hash: string | null, password: string): Promise<boolean> {
    if (!hash) {
      // Same work as a real verification, so response time does not tell which accounts exist.
      await this.verifyQuietly(await this.dummy(), password);
      return false;
    }
    return this.verifyQuietly(hash, password);
  }

  private async verifyQuietly(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    } finally {
      this.arena?.noteHash();
    }
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= this.hash('dummy password that nobody has, for equal timing');
    return this.dummyHash;
  }
}

let commonPasswords: ((password: string) => boolean) | undefined;

/**
 * The list shipped in assets/common-passwords.txt (one a line). Looked up next to the built bundle
 * (webpack copies assets) and in the source tree (tests).
 */
export function isCommonPassword(password: string): boolean {
  if (!commonPasswords) {
    const candidates = [
      join(__dirname, 'assets', 'common-passwords.txt'),
      join(__dirname, '..', '..', 'assets', 'common-passwords.txt'),
    ];
    const file = candidates.find((path) => {
      try {
        readFileSync(path);
        return true;
      } catch {
        return false;
      }
    });
    if (!file) throw new Error(`common-passwords.txt not found in ${candidates.join(' or ')}`);
    const lines = readFileSync(file, 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    commonPasswords = commonPasswordList(lines);
  }
  return commonPasswords(password);
}
