import { ApiScopes } from '@accounts/contracts';
import { SigningKeyRing, TokenIssuer } from '@accounts/security';
import { declaredRoutes, describeAccess, walkRoutes } from '@accounts/testing';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuthTestApp, type SeededAccount } from '../testing/auth-test-app';

/**
 * Every route of auth-service with the rule it declares, read from Nest's route metadata, then
 * called with API tokens (from a trusted test issuer, as credentials-service would sign them).
 * Everything auth-service owns is a security setting: an API token may call none of it.
 */
describe('auth-service: what an API token may call', () => {
  let app: AuthTestApp;
  let issuer: TokenIssuer;
  let admin: SeededAccount;
  let user: SeededAccount;

  beforeAll(async () => {
    const ring = await SigningKeyRing.generate();
    issuer = new TokenIssuer(ring, 'http://127.0.0.1:3003', 'accounts');
    // The embedded default: auth-service trusts what credentials-service publishes in the shared data folder.
    app = await AuthTestApp.start();
    writeFileSync(
      join(app.t.dataDir, 'keys', 'credentials-service.jwks.json'),
      JSON.stringify({ issuer: 'http://127.0.0.1:3003', ...ring.publicJwks() }),
    );
    const orgId = await app.organization();
    admin = await app.activeAccount(orgId, 'alice', { accountType: 'administrator' });
    user = await app.activeAccount(orgId, 'bob');
  });
  afterAll(async () => {
    await app.close();
  });

  const apiToken = async (scopes: readonly string[]) =>
    (
      await issuer.issue({
        kind: 'api',
        accountId: admin.accountId,
        orgId: admin.orgId,
        accountType: 'administrator',
        sessionId: 'cred-1',
        amr: ['client_credentials'],
        authTime: Math.floor(Date.now() / 1000),
        scopes,
        clientId: 'aci_test',
      })
    ).accessToken;

  it('declares a rule on every route: sign-in is public, everything else is person only', () => {
    const table = declaredRoutes(app.t.app).map(
      (r) => `${r.method} ${r.path} -> ${describeAccess(r.access)}`,
    );
    expect(
      table.filter((line) => !line.endsWith('-> public') && !line.endsWith('-> person')),
    ).toEqual([]);
    expect(table.filter((line) => line.endsWith('-> public'))).toEqual([
      'GET /.well-known/jwks.json -> public',
      'GET /.well-known/oauth-authorization-server -> public',
      'POST /auth/activate -> public',
      'POST /auth/login -> public',
      'POST /auth/login/:challengeId -> public',
      'POST /auth/login/:challengeId/enrollment -> public',
      'POST /auth/login/:challengeId/resend -> public',
      'POST /auth/password-reset -> public',
      'POST /auth/password-reset/confirm -> public',
      'POST /auth/refresh -> public',
      'GET /dev/outbox -> public',
      'GET /health -> public',
      'GET /metrics -> public',
      'POST /oauth/revoke -> public',
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
      app: app.t.app,
      allScopes: ApiScopes,
      params: { id: user.accountId, channel: 'email' },
      apiToken,
    });
    expect(findings).toEqual([]);
  });

  it('refuses the attacks of the report with an API token holding every scope, and writes nothing', async () => {
    const bearer = { Authorization: `Bearer ${await apiToken(ApiScopes)}` };
    const before = await app.store.headPosition();
    const method = await app
      .http()
      .put('/auth/me/method')
      .set(bearer)
      .send({ method: 'password' })
      .expect(403);
    expect(method.body).toMatchObject({
      statusCode: 403,
      error: 'Forbidden',
      code: 'AUTH-person-only',
    });
    await app
      .http()
      .post(`/auth/accounts/${user.accountId}/authenticator/reset`)
      .set(bearer)
      .send({ reason: 'lost phone' })
      .expect(403);
    expect(await app.store.headPosition()).toBe(before);
    // The person still can.
    const person = await app.tokens('alice');
    await app.http().get('/auth/me/sessions').set(person.bearer).expect(200);
  });
});
