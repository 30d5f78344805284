import { crc32 } from 'node:zlib';
import { isBase62, randomBase62, toBase62 } from './base62';

/**
 * Prefix of every API secret, so secret scanners find leaked ones with one custom pattern
 * (`acs_[0-9A-Za-z]{49}` in GitHub secret scanning, gitleaks, trufflehog) and the checksum weeds out look-alikes.
 */
export const API_SECRET_PREFIX = 'acs_';
/** Prefix of client ids: public, but recognisable in logs and support requests. */
export const CLIENT_ID_PREFIX = 'aci_';

// 43 base62 characters carry 256.03 bits: "at least 256 bits of randomness".
const RANDOM_LENGTH = 43;
// CRC32 fits in 6 base62 characters (62^6 > 2^32).
const CHECKSUM_LENGTH = 6;
const CLIENT_ID_LENGTH = 22;

/** `acs_` + 43 random base62 characters + a 6-character CRC32 checksum (GitHub's token format). */
export function newApiSecret(): string {
  const random = randomBase62(RANDOM_LENGTH);
  return `${API_SECRET_PREFIX}${random}${checksumOf(random)}`;
}

/**
 * True for a well-formed secret whose checksum matches: a scanner (or this service) tells a real
 * secret from a look-alike without any lookup. Says nothing about whether it is valid.
 */
export function isWellFormedApiSecret(candidate: string): boolean {
  if (!candidate.startsWith(API_SECRET_PREFIX)) return false;
  const body = candidate.slice(API_SECRET_PREFIX.length);
  if (body.length !== RANDOM_LENGTH + CHECKSUM_LENGTH || !isBase62(body)) return false;
  return checksumOf(body.slice(0, RANDOM_LENGTH)) === body.slice(RANDOM_LENGTH);
}

/** `aci_` + 22 random base62 characters (131 bits: unguessable, though not a secret). */
export function newClientId(): string {
  return `${CLIENT_ID_PREFIX}${randomBase62(CLIENT_ID_LENGTH)}`;
}

function checksumOf(random: string): string {
  return toBase62(crc32(random), CHECKSUM_LENGTH);
}
