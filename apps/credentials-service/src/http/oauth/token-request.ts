import { OAuthError } from '../../application/token/oauth-error';
import { basicCredentials, type ClientCredentials } from './basic-credentials';

/**
 * RFC 6749 §4.4.2 request: `grant_type=client_credentials` (form or JSON body) with the client
 * authenticated by HTTP Basic. Unknown parameters are ignored, as §3.2 requires.
 */
export function parseTokenRequest(body: unknown, authorization: string | undefined): ClientCredentials {
  const params = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const grantType = singleValue(params, 'grant_type');
  if (grantType === undefined) throw OAuthError.invalidRequest('grant_type is missing');
  if (grantType !== 'client_credentials') {
    throw new OAuthError(400, 'unsupported_grant_type', 'Only grant_type=client_credentials is supported here');
  }
  return basicCredentials(authorization);
}

/** §3.2: a parameter without a value counts as omitted, and none may appear twice. */
function singleValue(params: Record<string, unknown>, name: string): string | undefined {
  const value = params[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw OAuthError.invalidRequest(`${name} must be given once, as a string`);
  return value;
}
