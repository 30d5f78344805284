// Revokes a refresh token at auth-service with openid-client 6 (RFC 7009), the account console being
// a public client (client authentication "none"), after discovery (RFC 8414).
// Usage: node openid-client-revoke.mjs <issuer> <refresh-token>
import * as client from 'openid-client';

const [issuer, refreshToken] = process.argv.slice(2);
const config = await client.discovery(
  new URL(issuer),
  'account-console',
  undefined,
  client.None(),
  {
    algorithm: 'oauth2',
    execute: [client.allowInsecureRequests],
  },
);
await client.tokenRevocation(config, refreshToken, {
  token_type_hint: 'refresh_token',
});
process.stdout.write(
  JSON.stringify({
    revocation_endpoint: config.serverMetadata().revocation_endpoint,
    revoked: true,
  }),
);
