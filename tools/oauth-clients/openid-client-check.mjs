// Drives credentials-service the way another team would, with openid-client 6 (ESM only, hence a
// child process of the jest spec): discovery (RFC 8414), client credentials with client_secret_post
// and client_secret_basic, scope narrowing, an invalid_scope error and introspection (RFC 7662).
// Usage: node openid-client-check.mjs <issuer> <clientId> <secret> <token-to-introspect>
import * as client from 'openid-client';

const [issuer, clientId, secret, foreignToken] = process.argv.slice(2);
const options = {
  algorithm: 'oauth2',
  execute: [client.allowInsecureRequests],
};
const result = {};

const post = await client.discovery(
  new URL(issuer),
  clientId,
  undefined,
  client.ClientSecretPost(secret),
  options,
);
result.metadata = post.serverMetadata();
const byPost = await client.clientCredentialsGrant(post);
result.post = {
  token_type: byPost.token_type,
  scope: byPost.scope,
  expires_in: byPost.expires_in,
  access_token: byPost.access_token,
};

const basic = await client.discovery(
  new URL(issuer),
  clientId,
  undefined,
  client.ClientSecretBasic(secret),
  options,
);
const narrowed = await client.clientCredentialsGrant(basic, {
  scope: 'profile:read',
});
result.basic = { scope: narrowed.scope, access_token: narrowed.access_token };

try {
  await client.clientCredentialsGrant(basic, { scope: 'accounts:write' });
  result.invalidScope = 'no error';
} catch (error) {
  result.invalidScope = {
    name: error.name,
    error: error.error,
    status: error.status,
  };
}

result.introspectOwn = await client.tokenIntrospection(basic, byPost.access_token);
result.introspectForeign = await client.tokenIntrospection(post, foreignToken);

process.stdout.write(JSON.stringify(result));
