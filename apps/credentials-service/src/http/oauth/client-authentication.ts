import { OAuthError } from '../../application/token/oauth-error';
import { basicCredentials, type ClientCredentials } from './basic-credentials';

export type { ClientCredentials } from './basic-credentials';

/** The client authentication methods of RFC 6749 §2.3.1, as RFC 8414 names them. */
export const CLIENT_AUTH_METHODS = ['client_secret_basic', 'client_secret_post'] as const;

/**
 * client_secret_basic (Authorization: Basic) or client_secret_post (client_id and client_secret
 * in the body); §2.3: a client must not use more than one method in a request.
 */
export function clientCredentials(
  params: Record<string, unknown>,
  authorization: string | undefined,
): ClientCredentials {
  const clientId = singleValue(params, 'client_id');
  const secret = singleValue(params, 'client_secret');
  const inBody = clientId !== undefined || secret !== undefined;
  if (authorization !== undefined && authorization !== '') {
    if (inBody && secret !== undefined)
      throw OAuthError.invalidRequest(
        'Authenticate the client once: HTTP Basic or client_secret in the body, not both',
      );
    const basic = basicCredentials(authorization);
    // §3.2.1 lets a client repeat its client_id in the body; it must then be the same.
    if (clientId !== undefined && clientId !== basic.clientId)
      throw OAuthError.invalidRequest('client_id differs from the HTTP Basic user name');
    return basic;
  }
  if (clientId === undefined || secret === undefined) throw OAuthError.invalidClient();
  return { clientId, secret };
}

/** §3.2: a parameter without a value counts as omitted, and none may appear twice. */
export function singleValue(params: Record<string, unknown>, name: string): string | undefined {
  const value = params[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string')
    throw OAuthError.invalidRequest(`${name} must be given once, as a string`);
  return value;
}
