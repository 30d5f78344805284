/** RFC 6749 §5.2 error codes, plus our 429 for a clientId in back-off. */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'unsupported_grant_type'
  | 'too_many_attempts';

/** An answer of the token endpoint in RFC 6749 shape: `{ error, error_description }`. */
export class OAuthError extends Error {
  constructor(
    readonly status: 400 | 401 | 429,
    readonly error: OAuthErrorCode,
    readonly description: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(description);
    this.name = 'OAuthError';
  }

  static invalidRequest(description: string): OAuthError {
    return new OAuthError(400, 'invalid_request', description);
  }

  /**
   * One answer for unknown client, wrong secret, revoked, expired and disabled: the caller learns
   * nothing about which, so a guesser cannot even find out which clientIds exist.
   */
  static invalidClient(): OAuthError {
    return new OAuthError(401, 'invalid_client', 'Client authentication failed', {
      'WWW-Authenticate': 'Basic realm="credentials-service", charset="UTF-8"',
    });
  }

  static backedOff(retryAfterSeconds: number): OAuthError {
    return new OAuthError(
      429,
      'too_many_attempts',
      `Too many failed attempts for this client; retry in ${retryAfterSeconds} seconds`,
      { 'Retry-After': String(retryAfterSeconds) },
    );
  }
}
