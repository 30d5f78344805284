/**
 * Equality of two hex digests that reads every character whatever differs (no early exit), so the
 * time taken does not tell how much of a guessed hash was right. Pure: the domain has no node:crypto.
 */
export function sameHash(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}
