import { STATUS_CODES } from 'node:http';

/** The error answer of every service (DESIGN.md): `{ statusCode, error, message, code?, details? }`. */
export interface ErrorBody {
  readonly statusCode: number;
  /** The HTTP reason phrase, e.g. "Bad Request". */
  readonly error: string;
  /** What went wrong, in words a caller can act on. */
  readonly message: string;
  /** Stable, greppable error code, e.g. `PROFILE-user-name-taken`. */
  readonly code?: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

export function errorBody(
  statusCode: number,
  message: string,
  extra: { code?: string; details?: Readonly<Record<string, unknown>> } = {},
): ErrorBody {
  return {
    statusCode,
    error: STATUS_CODES[statusCode] ?? 'Error',
    message,
    ...(extra.code !== undefined && { code: extra.code }),
    ...(extra.details !== undefined && { details: extra.details }),
  };
}
