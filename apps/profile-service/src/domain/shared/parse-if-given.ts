/** An optional input: absent (undefined) keeps the fallback, present must pass validation. */
export function parseIfGiven<Value>(
  raw: unknown,
  parse: (raw: unknown) => Value,
  fallback: Value,
): Value {
  return raw === undefined ? fallback : parse(raw);
}
