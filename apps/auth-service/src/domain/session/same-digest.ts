/**
 * Whether two digests (hex SHA-256 of refresh tokens) are equal, comparing every character whatever
 * the first difference, so the time taken does not say how much of a guess matched. Pure, like the
 * rest of the domain (no node:crypto); the length of a digest is public.
 */
export function sameDigest(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}
