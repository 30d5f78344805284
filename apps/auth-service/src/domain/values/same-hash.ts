import { timingSafeEqual } from 'node:crypto';

/** Constant-time equality of two hex digests (a pure computation, so the domain may use it). */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
