import { OAuthError } from '../../application/token/oauth-error';
import { type ClientCredentials, clientCredentials, singleValue } from './client-authentication';

export interface TokenRequest extends ClientCredentials {
  /** The `scope` parameter split at spaces (RFC 6749 §3.3); undefined: all the credential holds. */
  readonly scope?: readonly string[];
}

/**
 * RFC 6749 §4.4.2 request: `grant_type=client_credentials` (form or JSON body), optional `scope`,
 * the client authenticated by HTTP Basic or by client_id/client_secret in the body (§2.3.1).
 * Unknown parameters are ignored, as §3.2 requires.
 */
export function parseTokenRequest(body: unknown, authorization: string | undefined): TokenRequest {
  const params = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const grantType = singleValue(params, 'grant_type');
  if (grantType === undefined) throw OAuthError.invalidRequest('grant_type is missing');
  if (grantType !== 'client_credentials') {
    throw new OAuthError(
      400,
      'unsupported_grant_type',
      'Only grant_type=client_credentials is supported here',
    );
  }
  const scope = singleValue(params, 'scope');
  if (
    scope !== undefined &&
    !/^[\x21\x23-\x5B\x5D-\x7E]+( [\x21\x23-\x5B\x5D-\x7E]+)*$/.test(scope)
  ) {
    throw OAuthError.invalidScope('scope must be scope names separated by single spaces');
  }
  return {
    ...clientCredentials(params, authorization),
    ...(scope !== undefined ? { scope: scope.split(' ') } : {}),
  };
}
