import { randomUUID } from 'node:crypto';

export const CORRELATION_ID_HEADER = 'X-Correlation-Id';

/** Bounded and log-safe: a caller cannot inject newlines, JSON or megabytes into our logs and events. */
const VALID_CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function isValidCorrelationId(value: unknown): value is string {
  return typeof value === 'string' && VALID_CORRELATION_ID.test(value);
}

/** The caller's correlation id when it is valid, otherwise a fresh UUID. */
export function resolveCorrelationId(headerValue: string | string[] | undefined): string {
  const candidate = Array.isArray(headerValue) ? headerValue[0] : headerValue;
  return isValidCorrelationId(candidate) ? candidate : randomUUID();
}
