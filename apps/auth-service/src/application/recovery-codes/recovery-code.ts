import { randomInt } from 'node:crypto';
import { sha256 } from '../shared/secrets';

/** No 0/O, 1/I/L: a code is read from paper and typed by hand. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** `xxxxx-xxxxx`: 10 characters from 31, about 49 bits, enough against guesses that are limited. */
export function newRecoveryCode(): string {
  const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}

/** The form that is hashed: case, spaces and dashes as typed do not matter. */
export const recoveryCodeSha256 = (code: string): string =>
  sha256(code.toLowerCase().replace(/[\s-]/g, ''));
