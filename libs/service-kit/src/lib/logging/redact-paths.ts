/** Header values that are credentials (lower case, as node:http gives them). */
export const SECRET_HEADERS: readonly string[] = [
  'authorization',
  'cookie',
  'x-trusted-device',
  'x-api-key',
  'x-bootstrap-token',
];

/** Body fields that hold secrets (a one-time `code` included), wherever a log line carries a body. */
const SECRET_FIELDS = [
  'password',
  'currentPassword',
  'newPassword',
  'repeatPassword',
  'secret',
  'clientSecret',
  'client_secret',
  'code',
  'token',
  'accessToken',
  'refreshToken',
  'trustedDeviceToken',
];

/**
 * pino `redact` paths. `code` is only redacted inside a body: at other levels it is our error
 * code (`STORE-unavailable`), which a log line must keep.
 */
export const REDACT_PATHS: readonly string[] = [
  // Exact paths are nearly free; each wildcard path costs on every line, so only field names get one.
  ...SECRET_HEADERS.map((h) => `req.headers["${h}"]`),
  'res.headers["set-cookie"]',
  ...SECRET_FIELDS.flatMap((f) => [`req.body["${f}"]`, `body["${f}"]`]),
  ...SECRET_FIELDS.filter((f) => f !== 'code').flatMap((f) => [`["${f}"]`, `*["${f}"]`]),
];
