import type { OpenAPIObject } from '@nestjs/swagger';

/** DESIGN.md's error answer, the same in every service (ErrorBody). */
export const ERROR_BODY_SCHEMA = {
  type: 'object',
  required: ['statusCode', 'error', 'message'],
  properties: {
    statusCode: { type: 'integer', minimum: 400, maximum: 599 },
    error: { type: 'string', description: 'HTTP reason phrase' },
    message: {
      type: 'string',
      description: 'What went wrong, in words a caller can act on',
    },
    code: {
      type: 'string',
      description: 'Stable error code, e.g. PROFILE-user-name-taken',
    },
    details: {
      type: 'object',
      additionalProperties: true,
      description: 'field, fields, retryAfterSeconds, ...',
    },
  },
  additionalProperties: false,
} as const;

/** RFC 6749 §5.2 (token, revocation and introspection endpoints answer OAuth clients in their own shape). */
export const OAUTH_ERROR_SCHEMA = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'string',
      description:
        'invalid_request, invalid_client, invalid_grant, unauthorized_client, unsupported_grant_type, invalid_scope, …',
    },
    error_description: { type: 'string' },
    error_uri: { type: 'string' },
  },
} as const;

const ERROR_REF = { $ref: '#/components/schemas/ErrorBody' };
// An /oauth/ route answers OAuth errors; what fails before it (validation of the envelope, 5xx) is an ErrorBody.
const OAUTH_ERROR_REF = { anyOf: [{ $ref: '#/components/schemas/OAuthError' }, ERROR_REF] };

const ERRORS: Readonly<Record<string, string>> = {
  '400': 'Bad input: the message and details name the field; nothing was written',
  '401':
    'Missing, invalid or revoked access token, a failed sign-in, or a sign-in too old for this change (code SECURITY-recent-sign-in-required)',
  '403': 'The caller may not do this',
  '404': "No such resource in the caller's organization",
  '409': 'Conflict with the current state; reload and try again',
  '410': 'Gone: the link or code was used, withdrawn or has expired; ask for a new one',
  '413': 'The body is larger than the limit',
  '429': 'Too many attempts; wait for Retry-After seconds',
  '500': 'Unexpected error (logged with the correlation id)',
  '503': 'The event store is unavailable; retry after Retry-After seconds',
};

/**
 * Declares the error answers of every operation with the one ErrorBody schema, so that generated
 * clients know their shape. Every status is declared on every operation: which of them a route
 * can give is in its description, and declaring one too many costs a client nothing.
 */
export function documentErrorResponses(document: OpenAPIObject): OpenAPIObject {
  document.components = {
    ...document.components,
    schemas: {
      ...document.components?.schemas,
      ErrorBody: ERROR_BODY_SCHEMA as never,
      OAuthError: OAUTH_ERROR_SCHEMA as never,
    },
  };
  for (const [path, item] of Object.entries(document.paths)) {
    const schema = path.startsWith('/oauth/') ? OAUTH_ERROR_REF : ERROR_REF;
    for (const operation of Object.values(item)) {
      if (typeof operation !== 'object' || operation === null || !('responses' in operation))
        continue;
      for (const [status, description] of Object.entries(ERRORS)) {
        const declared = operation.responses[status] as
          | { description?: string; content?: unknown }
          | undefined;
        // A route's own @Api…Response gives the words for its case; the shape is still the one ErrorBody.
        operation.responses[status] = {
          description: declared?.description || description,
          content: declared?.content ?? { 'application/json': { schema } },
        };
      }
    }
  }
  return document;
}
