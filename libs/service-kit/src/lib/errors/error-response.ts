import { DomainError, type DomainErrorKind } from '@accounts/event-sourcing';
import {
  EventStoreUnavailableError,
  InvalidEventStoreInputError,
  WrongExpectedVersionError,
} from '@accounts/event-store';
import { HttpException } from '@nestjs/common';
import { errorBody, type ErrorBody } from './error-body';

/** How one thrown value is answered over HTTP. */
export interface ErrorResponse {
  readonly body: ErrorBody;
  readonly headers: Readonly<Record<string, string>>;
  /** Unexpected: log it with its stack as an error. */
  readonly unexpected: boolean;
}

const STATUS_OF_KIND: Record<DomainErrorKind, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  too_many_attempts: 429,
};

/** The one place where errors become HTTP answers. */
export function toErrorResponse(exception: unknown): ErrorResponse {
  if (exception instanceof DomainError) return fromDomainError(exception);
  if (exception instanceof WrongExpectedVersionError) {
    return expected(
      errorBody(409, 'Someone else changed this at the same time; reload and try again', {
        code: exception.code,
      }),
    );
  }
  if (exception instanceof InvalidEventStoreInputError) {
    return expected(errorBody(400, exception.message, { code: exception.code }));
  }
  if (exception instanceof EventStoreUnavailableError) {
    return {
      body: errorBody(503, 'The service is temporarily unavailable; try again shortly', {
        code: exception.code,
      }),
      headers: { 'Retry-After': '5' },
      unexpected: true,
    };
  }
  if (exception instanceof HttpException) return fromHttpException(exception);
  const fromBodyParser = fromBodyParserError(exception);
  if (fromBodyParser) return fromBodyParser;
  return {
    body: errorBody(500, 'An unexpected error occurred; it has been logged', {
      code: 'SERVER-internal-error',
    }),
    headers: {},
    unexpected: true,
  };
}

function expected(body: ErrorBody, headers: Record<string, string> = {}): ErrorResponse {
  return { body, headers, unexpected: false };
}

function fromDomainError(error: DomainError): ErrorResponse {
  const status = STATUS_OF_KIND[error.kind] ?? 400;
  const retryAfter = error.details?.retryAfterSeconds;
  const headers: Record<string, string> =
    status === 429 && typeof retryAfter === 'number'
      ? { 'Retry-After': String(Math.max(1, Math.ceil(retryAfter))) }
      : {};
  return expected(
    errorBody(status, error.message, { code: error.code, details: error.details }),
    headers,
  );
}

/** Keeps the status; takes message, code and details from the response object when present. */
function fromHttpException(exception: HttpException): ErrorResponse {
  const status = exception.getStatus();
  const response = exception.getResponse();
  // A deliberate HttpException is expected, except a bare 500 which means "something broke".
  const unexpected = status === 500;
  if (typeof response === 'string')
    return {
      body: errorBody(status, response, fastifyRefusalCode(status)),
      headers: {},
      unexpected,
    };
  const { message, code, details, headers } = response as {
    message?: unknown;
    code?: unknown;
    details?: unknown;
    headers?: unknown;
  };
  const text = Array.isArray(message)
    ? message.join('; ')
    : typeof message === 'string'
      ? message
      : exception.message;
  return {
    body: errorBody(status, text, {
      code: typeof code === 'string' ? code : undefined,
      details: isRecord(details) ? details : undefined,
    }),
    // A challenge such as WWW-Authenticate travels with the exception; it never enters the body.
    headers: isStringRecord(headers) ? headers : {},
    unexpected,
  };
}

/**
 * Nest hands Fastify's own refusals (a body over the limit, a content type no parser reads) to the
 * filter as HttpExceptions carrying only Fastify's message and status: the status names the code.
 */
function fastifyRefusalCode(status: number): { code?: string } {
  if (status === 413) return { code: 'REQUEST-body-too-large' };
  if (status === 415) return { code: 'REQUEST-unsupported-media-type' };
  return {};
}

/** Bodies our parsers refused (app/body-parsers.ts), named with body-parser's `type`s. */
function fromBodyParserError(exception: unknown): ErrorResponse | undefined {
  if (!isRecord(exception) || typeof exception['type'] !== 'string') return undefined;
  const status = exception['status'];
  if (typeof status !== 'number' || status < 400 || status >= 500) return undefined;
  switch (exception['type']) {
    case 'entity.parse.failed':
      return expected(errorBody(400, 'Malformed JSON body', { code: 'REQUEST-malformed-json' }));
    case 'entity.too.deep':
      return expected(
        errorBody(400, String(exception['message']), { code: 'REQUEST-json-too-deep' }),
      );
    case 'entity.too.large':
      return expected(
        errorBody(413, 'Request body is too large', { code: 'REQUEST-body-too-large' }),
      );
    default:
      return expected(
        errorBody(status, String(exception['message'] ?? 'Bad request'), {
          code: 'REQUEST-unreadable-body',
        }),
      );
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return isRecord(value) && Object.values(value).every((v) => typeof v === 'string');
}
