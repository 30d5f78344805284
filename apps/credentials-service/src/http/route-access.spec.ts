import { ApiScopes } from '@accounts/contracts';
import { declaredRoutes, describeAccess, TestTokens, walkRoutes } from '@accounts/testing';
import { CredentialsTestApp } from '../testing/credentials-test-app';

/** Every route of credentials-service with its declared rule, then called with API tokens to prove it. */
describe('credentials-service: what an API token may call', () => {
  let tokens: TestTokens;
  let h: CredentialsTestApp;

  beforeAll(async () => {
    tokens = await TestTokens.create();
    h = await CredentialsTestApp.start(tokens.verifier);
    await h.registerAccount('ann', 'org-1', 'administrator');
  });
  afterAll(() => h.close());

  it('declares a rule on every route: credentials are person only, the OAuth endpoints authenticate the client themselves', () => {
    expect(
      declaredRoutes(h.t.app).map((r) => `${r.method} ${r.path} -> ${describeAccess(r.access)}`),
    ).toEqual([
      'GET /.well-known/jwks.json -> public',
      'GET /.well-known/oauth-authorization-server -> public',
      'GET /api-credentials -> person',
      'POST /api-credentials -> person',
      'DELETE /api-credentials/:id -> person',
      'POST /api-credentials/:id/regenerate -> person',
      'GET /health -> public',
      'GET /metrics -> public',
      'POST /oauth/introspect -> public',
      'POST /oauth/token -> public',
      'GET /ops/projections -> public',
      'GET /ops/projections/:name/parked -> public',
      'POST /ops/projections/:name/parked/:eventId/retry -> public',
      'POST /ops/projections/:name/parked/:eventId/skip -> public',
      'POST /ops/projections/:name/rebuild -> public',
    ]);
  });

  it('every route answers an API token as it declares', async () => {
    const findings = await walkRoutes({
      app: h.t.app,
      allScopes: ApiScopes,
      params: {},
      apiToken: (scopes) =>
        tokens.mint({
          accountId: 'ann',
          orgId: 'org-1',
          kind: 'api',
          accountType: 'administrator',
          scopes,
          sessionId: 'cred-1',
        }),
    });
    expect(findings).toEqual([]);
  });
});
