import { OAuthError } from '../../application/token/oauth-error';

export interface ClientCredentials {
  readonly clientId: string;
  readonly secret: string;
}

/**
 * `Authorization: Basic base64(clientId:secret)`. RFC 6749 §2.3.1: both halves are
 * form-urlencoded before base64, so they are decoded after splitting at the first colon.
 */
export function basicCredentials(authorization: string | undefined): ClientCredentials {
  const match = authorization ? /^Basic +([A-Za-z0-9+/]+={0,2}) *$/i.exec(authorization) : null;
  if (!match) throw OAuthError.invalidClient();
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) throw OAuthError.invalidClient();
  const clientId = formDecode(decoded.slice(0, colon));
  const secret = formDecode(decoded.slice(colon + 1));
  if (clientId === undefined || secret === undefined || secret === '')
    throw OAuthError.invalidClient();
  return { clientId, secret };
}

function formDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}
