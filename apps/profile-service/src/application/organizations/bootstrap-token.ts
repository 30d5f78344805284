import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/**
 * Constant-time comparison: digests have the same length whatever was sent, so neither the length nor
 * the content of the configured token leaks through timing. No configured token matches nothing.
 */
export function bootstrapTokenMatches(
  given: string | undefined,
  configured: string | undefined,
): boolean {
  if (configured === undefined || given === undefined) return false;
  return timingSafeEqual(digest(given), digest(configured));
}
