/** How a refused command maps to a caller's answer; the HTTP filter turns it into a status code. */
export type DomainErrorKind =
  | 'invalid' // 400: bad input, names the field
  | 'unauthorized' // 401
  | 'forbidden' // 403
  | 'not_found' // 404
  | 'conflict' // 409
  | 'gone' // 410: a one-time link or code that was used, cancelled or has expired
  | 'too_many_attempts'; // 429

/**
 * A refused command. `code` is stable and unique in the code base (`PROFILE-user-name-taken`
 * style) so a log line leads to one place; `message` tells the user what to do.
 */
export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly details?: {
      readonly field?: string;
      readonly retryAfterSeconds?: number;
      readonly [key: string]: unknown;
    },
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
