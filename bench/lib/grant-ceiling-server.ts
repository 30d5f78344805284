/**
 * The least a client-credentials grant can be over HTTP in Node, for `npm run bench -- grant-ceiling`:
 * node:cluster workers, each a bare node:http server whose POST /oauth/token reads the body, takes the
 * Basic credentials apart, checks the secret (the service's own SecretHasher: one HMAC, compared in
 * constant time) and signs the service's own EdDSA access token (TokenIssuer), then answers the same
 * JSON fields. No framework, no validation, no limiter, no log, no store: what no server that does a
 * grant can do without. GET /health answers 200 once every worker listens (bench/lib/all-workers-listening).
 * Environment: PORT, WORKERS, CEILING_SECRET_KEY (hex, the hasher's key), CEILING_CLIENT, CEILING_HASH.
 */
import { SecretHasher } from '../../apps/credentials-service/src/application/secrets/secret-hasher';
import { type CeilingHandler, runCeilingCluster } from './ceiling-cluster';
import { grantPrincipal, grantTokenIssuer } from './raw-grant';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

runCeilingCluster(serve);

async function serve(): Promise<CeilingHandler> {
  const hasher = new SecretHasher(Buffer.from(env('CEILING_SECRET_KEY'), 'hex'));
  const client = env('CEILING_CLIENT');
  const stored = env('CEILING_HASH');
  const issuer = await grantTokenIssuer();
  const principal = grantPrincipal(client);

  return async (body, { authorization }) => {
    const basic = authorization?.startsWith('Basic ')
      ? Buffer.from(authorization.slice(6), 'base64').toString('utf8')
      : '';
    const colon = basic.indexOf(':');
    const ok =
      body === 'grant_type=client_credentials' &&
      colon > 0 &&
      basic.slice(0, colon) === client &&
      hasher.matches(basic.slice(colon + 1), stored);
    if (!ok) return [401, { error: 'invalid_client' }];
    const { accessToken, expiresIn } = await issuer.issue(principal);
    return [200, { access_token: accessToken, token_type: 'Bearer', expires_in: expiresIn }];
  };
}
