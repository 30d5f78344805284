/** RFC 6749 §5.2 error codes. */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  | 'unsupported_token_type';

/** An answer of the token, revocation or introspection endpoint in RFC 6749 shape: `{ error, error_description }`. */
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
   * nothing about which, so a guesser cannot even find out which clientIds exist. 401 with the
   * Basic challenge whichever method was used (§5.2 allows it, and requires it for Basic).
   */
  static invalidClient(): OAuthError {
    return new OAuthError(401, 'invalid_client', 'Client authentication failed', {
      'WWW-Authenticate': 'Basic realm="credentials-service", charset="UTF-8"',
    });
  }

  static invalidScope(description: string): OAuthError {
    return new OAuthError(400, 'invalid_scope', description);
  }

  /**
   * Too many failures from this address (for this client, or at all). §5.2 has no code for it:
   * invalid_client keeps standard clients on their error path, 429 and Retry-After say when to retry.
   */
  static backedOff(retryAfterSeconds: number): OAuthError {
    return new OAuthError(
      429,
      'invalid_client',
      `Too many failed attempts; retry in ${retryAfterSeconds} seconds`,
      { 'Retry-After': String(retryAfterSeconds) },
    );
  }
}
