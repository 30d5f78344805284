/** Our deepest DTO nests three levels; 32 leaves room and stops the validator's recursion (issue 11). */
export const MAX_JSON_DEPTH = 32;

export const JSON_TOO_DEEP = 'entity.too.deep';

/**
 * How deep a parsed body nests, counted without recursion and stopping as soon as it passes `limit`.
 * The JSON parser (app/body-parsers.ts) refuses a body over MAX_JSON_DEPTH with 400 before any pipe sees it.
 */
export function jsonDepthExceeds(value: unknown, limit: number): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop() as {
      value: unknown;
      depth: number;
    };
    if (typeof current !== 'object' || current === null) continue;
    if (depth + 1 > limit) return true;
    for (const child of Object.values(current)) stack.push({ value: child, depth: depth + 1 });
  }
  return false;
}
