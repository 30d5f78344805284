import { ApiScopes } from '@accounts/contracts';
import { declaredRoutes, describeAccess, TestTokens, walkRoutes } from '@accounts/testing';
import { type Member, ProfileTestApp } from '../testing/profile-test-app';

/**
 * Every route of profile-service, read from Nest's route metadata, with the rule it declares; then
 * each one called with API tokens to prove the rule holds. A new route without a declaration fails here.
 */
describe('profile-service: what an API token may call', () => {
  let tokens: TestTokens;
  let app: ProfileTestApp;
  let admin: Member;
  let user: Member;

  beforeAll(async () => {
    tokens = await TestTokens.create();
    app = await ProfileTestApp.start(tokens);
    admin = (await app.createOrganization('alice')).admin;
    user = (await app.registerAccount(admin, 'bob')).member;
  });
  afterAll(() => app.close());

  it('declares a rule on every route: security settings are person only, the rest needs a scope', () => {
    expect(
      declaredRoutes(app.t.app).map((r) => `${r.method} ${r.path} -> ${describeAccess(r.access)}`),
    ).toEqual([
      'GET /accounts/:id -> scope accounts:read',
      'PUT /accounts/:id/account-type -> person',
      'POST /accounts/:id/activation -> person',
      'POST /accounts/:id/disable -> person',
      'POST /accounts/:id/enable -> person',
      'PUT /accounts/:id/group-restriction -> person',
      'GET /accounts/me -> scope profile:read',
      'PATCH /accounts/me -> scope profile:write (person: userName, email, mobilePhone, sessionTimeout)',
      'POST /accounts/me/email/confirm -> person',
      'DELETE /accounts/me/email/pending -> person',
      'GET /health -> public',
      'GET /metrics -> public',
      'GET /ops/projections -> public',
      'GET /ops/projections/:name/parked -> public',
      'POST /ops/projections/:name/parked/:eventId/retry -> public',
      'POST /ops/projections/:name/parked/:eventId/skip -> public',
      'POST /ops/projections/:name/rebuild -> public',
      'POST /organizations -> public',
      'GET /organizations/:orgId -> scope profile:read',
      'GET /organizations/:orgId/accounts -> scope accounts:read',
      'POST /organizations/:orgId/accounts -> scope accounts:write',
      'PUT /organizations/:orgId/settings -> person',
    ]);
  });

  it('every route answers an API token as it declares', async () => {
    const findings = await walkRoutes({
      app: app.t.app,
      allScopes: ApiScopes,
      params: { orgId: admin.orgId, id: user.accountId },
      apiToken: (scopes) =>
        tokens.mint({
          ...admin,
          kind: 'api',
          accountType: 'administrator',
          scopes,
          amr: ['client_credentials'],
          sessionId: 'cred-1',
        }),
    });
    expect(findings).toEqual([]);
  });

  it('lets an API token with profile:write change names but not the email, and a person change both', async () => {
    const api = await tokens.mint({
      ...user,
      kind: 'api',
      scopes: ['profile:write'],
      sessionId: 'cred-2',
    });
    const renamed = await app
      .http()
      .patch('/accounts/me')
      .set('Authorization', `Bearer ${api}`)
      .send({ firstName: 'Robert' })
      .expect(200);
    expect(renamed.body.firstName).toBe('Robert');
    const before = await app.store.headPosition();
    const refused = await app
      .http()
      .patch('/accounts/me')
      .set('Authorization', `Bearer ${api}`)
      .send({ firstName: 'Bobby', email: 'evil@example.com' })
      .expect(403);
    expect(refused.body).toMatchObject({
      statusCode: 403,
      code: 'AUTH-person-only',
      details: { field: 'email' },
    });
    expect(await app.store.headPosition()).toBe(before);
    await app
      .http()
      .patch('/accounts/me')
      .set(await app.as(user))
      .send({ email: 'bob@new.example.com' })
      .expect(200);
  });

  it('refuses an API token of an administrator on account type and organization settings, and says so in WWW-Authenticate for a missing scope', async () => {
    const api = await tokens.mint({
      ...admin,
      kind: 'api',
      accountType: 'administrator',
      scopes: [...ApiScopes],
      sessionId: 'cred-3',
    });
    await app
      .http()
      .put(`/accounts/${user.accountId}/account-type`)
      .set('Authorization', `Bearer ${api}`)
      .send({ accountType: 'administrator' })
      .expect(403);
    await app
      .http()
      .put(`/organizations/${admin.orgId}/settings`)
      .set('Authorization', `Bearer ${api}`)
      .send({ twoFactorRequired: false })
      .expect(403);
    const reader = await tokens.mint({
      ...admin,
      kind: 'api',
      accountType: 'administrator',
      scopes: ['profile:read'],
      sessionId: 'cred-4',
    });
    const listing = await app
      .http()
      .get(`/organizations/${admin.orgId}/accounts`)
      .set('Authorization', `Bearer ${reader}`)
      .expect(403);
    expect(listing.body).toMatchObject({
      code: 'AUTH-scope-missing',
      details: { scope: 'accounts:read' },
    });
    expect(listing.headers['www-authenticate']).toBe(
      'Bearer error="insufficient_scope", scope="accounts:read"',
    );
  });
});
