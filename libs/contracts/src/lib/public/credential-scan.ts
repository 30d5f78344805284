/**
 * For tests of topics (ours, and any consumer's). Finds what must never be on a topic: field names of credential material or guard internals, and
 * values shaped like a password hash, a keyed secret hash or a hex digest. Returns the JSON paths.
 */
const FORBIDDEN_FIELD =
  /(hash|sha256|secret|encrypted|cipher|password(?!Changed)|token(?!Id$)|^code|guard|consecutiveFailures|recentFailures|lastTotpStep|timeStep)/i;

const FORBIDDEN_VALUE: readonly {
  readonly what: string;
  readonly pattern: RegExp;
}[] = [
  { what: 'argon2 hash', pattern: /^\$argon2(id|i|d)\$/ },
  { what: 'keyed secret hash', pattern: /^hmac-sha256:/ },
  { what: 'hex digest', pattern: /^[0-9a-f]{64}$/i },
  { what: 'API secret', pattern: /^acs_/ },
  {
    what: 'AES-GCM ciphertext',
    pattern: /^v\d+\.[A-Za-z0-9_-]{12,}\.[A-Za-z0-9_-]{16,}\./,
  },
];

export function credentialLikeFields(value: unknown, path = '$'): string[] {
  if (Array.isArray(value))
    return value.flatMap((item, index) => credentialLikeFields(item, `${path}[${index}]`));
  if (typeof value === 'string') {
    const hit = FORBIDDEN_VALUE.find(({ pattern }) => pattern.test(value));
    return hit ? [`${path} (${hit.what})`] : [];
  }
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([name, inner]) => [
    ...(FORBIDDEN_FIELD.test(name) ? [`${path}.${name}`] : []),
    ...credentialLikeFields(inner, `${path}.${name}`),
  ]);
}
