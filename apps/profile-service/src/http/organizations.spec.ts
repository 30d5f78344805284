import type { AccountRegisteredData } from '@accounts/contracts';
import { activationLinkToken } from '@accounts/security';
import { createHash, randomBytes } from 'node:crypto';
import { TestTokens } from '@accounts/testing';
import {
  BOOTSTRAP_TOKEN,
  expectStatus,
  fieldOf,
  type Member,
  person,
  ProfileTestApp,
} from '../testing/profile-test-app';

const newOrganization = (userName: string) => ({ name: 'Acme', administrator: person(userName) });

describe('POST /organizations: who may create an organization', () => {
  let app: ProfileTestApp;
  beforeEach(async () => (app = await ProfileTestApp.start(await TestTokens.create())));
  afterEach(() => app.close());

  it('creates the first organization without a token, its first administrator included', async () => {
    const res = await app.http().post('/organizations').send(newOrganization('alice'));
    expectStatus(res, 201);
    expect(res.body.organization).toEqual(
      expect.objectContaining({
        name: 'Acme',
        twoFactorRequired: false,
        emailEditableByUsers: true,
      }),
    );
    expect(res.body.administrator).toEqual(
      expect.objectContaining({
        userName: 'alice',
        accountType: 'administrator',
        enabled: true,
        orgId: res.body.organization.id,
      }),
    );
    const types = (await app.store.readAll()).map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'UserNameReserved',
        'FirstOrganizationClaimed',
        'OrganizationCreated',
        'OrganizationAdministratorAdded',
        'AccountRegistered',
      ]),
    );
  });

  it('refuses a second organization without the bootstrap token or with a wrong one, writing nothing', async () => {
    expectStatus(await app.http().post('/organizations').send(newOrganization('alice')), 201);
    const head = await app.headPosition();

    const without = await app.http().post('/organizations').send(newOrganization('bob'));
    expectStatus(without, 403);
    expect(without.body.code).toBe('PROFILE-org-bootstrap-required');
    const wrong = await app
      .http()
      .post('/organizations')
      .set('X-Bootstrap-Token', 'not-the-token')
      .send(newOrganization('bob'));
    expectStatus(wrong, 403);
    const almost = await app
      .http()
      .post('/organizations')
      .set('X-Bootstrap-Token', `${BOOTSTRAP_TOKEN}x`)
      .send(newOrganization('bob'));
    expectStatus(almost, 403);
    expect(await app.headPosition()).toBe(head);

    const right = await app
      .http()
      .post('/organizations')
      .set('X-Bootstrap-Token', BOOTSTRAP_TOKEN)
      .send(newOrganization('bob'));
    expectStatus(right, 201);
  });

  it('lets exactly one of two racing first organizations in', async () => {
    const [a, b] = await Promise.all([
      app.http().post('/organizations').send(newOrganization('alice')),
      app.http().post('/organizations').send(newOrganization('bob')),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 403]);
    const created = (await app.store.readAll()).filter((e) => e.type === 'OrganizationCreated');
    expect(created).toHaveLength(1);
    // The loser's user name was reserved, then freed again: it can be taken.
    const loser = a.status === 403 ? 'alice' : 'bob';
    const winner = a.status === 201 ? a : b;
    const admin = { accountId: winner.body.administrator.id, orgId: winner.body.organization.id };
    const res = await app
      .http()
      .post(`/organizations/${admin.orgId}/accounts`)
      .set(await app.as(admin))
      .send({ ...person(loser), accountType: 'standard' });
    expectStatus(res, 201);
  });

  it('refuses everything when no bootstrap token is configured and the server has an organization', async () => {
    const tokens = await TestTokens.create();
    const noToken = await ProfileTestApp.start(tokens, { BOOTSTRAP_TOKEN: '' });
    try {
      expectStatus(await noToken.http().post('/organizations').send(newOrganization('alice')), 201);
      const res = await noToken
        .http()
        .post('/organizations')
        .set('X-Bootstrap-Token', '')
        .send(newOrganization('bob'));
      expectStatus(res, 403);
    } finally {
      await noToken.close();
    }
  });

  it('answers a taken administrator user name with 409 and writes nothing', async () => {
    await app.createOrganization('alice');
    const head = await app.headPosition();
    const res = await app
      .http()
      .post('/organizations')
      .set('X-Bootstrap-Token', BOOTSTRAP_TOKEN)
      .send(newOrganization('ALICE'));
    expectStatus(res, 409);
    expect(res.body.code).toBe('PROFILE-user-name-taken');
    expect(await app.headPosition()).toBe(head);
  });

  it.each([
    ['name', { name: '', administrator: person('alice') }],
    ['name', { name: 42, administrator: person('alice') }],
    ['administrator', { name: 'Acme' }],
    ['administrator', { name: 'Acme', administrator: 'alice' }],
    ['administrator.userName', { name: 'Acme', administrator: person('al ice') }],
    ['administrator.email', { name: 'Acme', administrator: person('alice', { email: 'nope' }) }],
    [
      'administrator.mobilePhone',
      { name: 'Acme', administrator: person('alice', { mobilePhone: '0612' }) },
    ],
    [
      'administrator.timeZone',
      { name: 'Acme', administrator: person('alice', { timeZone: 'Mars/Base' }) },
    ],
    [
      'administrator.sessionTimeout',
      { name: 'Acme', administrator: person('alice', { sessionTimeout: '3d' }) },
    ],
    [
      'administrator.firstName',
      { name: 'Acme', administrator: person('alice', { firstName: 'x'.repeat(5000) }) },
    ],
    [
      'administrator.accountType',
      { name: 'Acme', administrator: person('alice', { accountType: 'standard' }) },
    ],
    ['extra', { name: 'Acme', administrator: person('alice'), extra: true }],
  ])('answers 400 naming %s and writes nothing', async (field, body) => {
    const res = await app.http().post('/organizations').send(body);
    expectStatus(res, 400);
    expect(fieldOf(res)).toBe(field);
    expect(await app.headPosition()).toBe(0);
  });

  it('answers malformed JSON and non-object bodies with 400, never 500', async () => {
    const bad = await app
      .http()
      .post('/organizations')
      .set('Content-Type', 'application/json')
      .send('{"name": ');
    expectStatus(bad, 400);
    expect(bad.body.code).toBe('REQUEST-malformed-json');
    for (const body of ['[]', '[1,2]', 'null', '"x"']) {
      const res = await app
        .http()
        .post('/organizations')
        .set('Content-Type', 'application/json')
        .send(body);
      expect(res.status).toBe(400);
    }
    expect(await app.headPosition()).toBe(0);
  });

  it('never writes the activation token in events or logs; the link carries it', async () => {
    const res = await app.http().post('/organizations').send(newOrganization('alice'));
    expectStatus(res, 201);
    const token = new URL(res.body.administrator.activationLink).searchParams.get(
      'token',
    ) as string;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.body.administrator.activationLink).toBe(
      `http://localhost:3000/activate?token=${token}`,
    );
    expect(JSON.stringify(await app.store.readAll())).not.toContain(token);
    expect(JSON.stringify(app.t.logs)).not.toContain(token);
    const registered = (await app.store.readAll()).find((e) => e.type === 'AccountRegistered');
    expect(
      (registered?.data as { activation: { tokenSha256: string } }).activation.tokenSha256,
    ).toBe(createHash('sha256').update(token).digest('hex'));
  });

  it('never logs the bootstrap token', async () => {
    const res = await app
      .http()
      .post('/organizations')
      .set('X-Bootstrap-Token', BOOTSTRAP_TOKEN)
      .send(newOrganization('alice'));
    expectStatus(res, 201);
    expect(JSON.stringify(await app.store.readAll())).not.toContain(BOOTSTRAP_TOKEN);
    expect(JSON.stringify(app.t.logs)).not.toContain(BOOTSTRAP_TOKEN);
  });
});

describe('POST /organizations in production', () => {
  const ACTIVATION_LINK_KEY = randomBytes(32).toString('base64');

  it('does not hand the activation link back: auth-service emails it, rebuilt from the event with the shared key', async () => {
    const app = await ProfileTestApp.start(await TestTokens.create(), {
      NODE_ENV: 'production',
      ACTIVATION_LINK_KEY,
    });
    try {
      const res = await app.http().post('/organizations').send(newOrganization('alice'));
      expectStatus(res, 201);
      expect(res.body.administrator.activationLink).toBeUndefined();
      const events = await app.store.readAll({ maxCount: 100 } as never);
      const registered = events.find((e) => e.type === 'AccountRegistered')!
        .data as AccountRegisteredData;
      const rebuilt = activationLinkToken(
        Buffer.from(ACTIVATION_LINK_KEY, 'base64'),
        registered.accountId,
        registered.activation.linkId!,
      );
      expect(rebuilt.sha256).toBe(registered.activation.tokenSha256);
      expect(JSON.stringify(events)).not.toContain(rebuilt.token);
    } finally {
      await app.close();
    }
  });

  it('refuses to start without ACTIVATION_LINK_KEY', async () => {
    await expect(
      ProfileTestApp.start(await TestTokens.create(), { NODE_ENV: 'production' }),
    ).rejects.toThrow(
      'ACTIVATION_LINK_KEY must be set in production: auth-service emails activation links derived from the same key',
    );
  });
});

describe('GET /organizations/:orgId and PUT /organizations/:orgId/settings', () => {
  let app: ProfileTestApp;
  let admin: Member;
  let user: Member;
  let otherAdmin: Member;
  beforeAll(async () => {
    ({ app, admin, user, otherAdmin } = await ProfileTestApp.withTwoOrganizations(
      await TestTokens.create(),
      { admin: 'Asia/Tokyo' },
    ));
  });
  afterAll(() => app.close());

  const settings = async (member: Member, body: unknown, orgId = admin.orgId) =>
    app
      .http()
      .put(`/organizations/${orgId}/settings`)
      .set(await app.as(member))
      .send(body as object);

  it("shows the settings to any member, times in the caller's zone", async () => {
    const res = await app
      .http()
      .get(`/organizations/${admin.orgId}`)
      .set(await app.as(user));
    expectStatus(res, 200);
    expect(res.body).toEqual(
      expect.objectContaining({
        id: admin.orgId,
        name: 'Org of alice',
        twoFactorRequired: false,
        emailEditableByUsers: true,
        allowedSecondFactors: ['email', 'sms', 'authenticator'],
      }),
    );
    expect(res.body.createdAtLocal).toMatch(/\+00:00$/);
    const asAdmin = await app
      .http()
      .get(`/organizations/${admin.orgId}`)
      .set(await app.as(admin));
    expect(asAdmin.body.createdAtLocal).toMatch(/\+09:00$/);
    expect(new Date(asAdmin.body.createdAtLocal).getTime()).toBe(
      new Date(asAdmin.body.createdAt).getTime(),
    );
  });

  it('changes the settings, one event per changed setting with the request in the metadata', async () => {
    const head = await app.headPosition();
    const res = await settings(admin, {
      name: 'Acme Corp',
      twoFactorRequired: true,
      allowedSecondFactors: ['authenticator'],
    }).then((r) => r);
    expectStatus(res, 200);
    expect(res.body).toEqual(
      expect.objectContaining({
        name: 'Acme Corp',
        twoFactorRequired: true,
        allowedSecondFactors: ['authenticator'],
      }),
    );
    const events = await app.store.readAll({ fromPosition: head });
    expect(events.map((e) => e.type)).toEqual([
      'OrganizationRenamed',
      'OrganizationTwoFactorRequirementChanged',
      'OrganizationAllowedSecondFactorsChanged',
    ]);
    expect(events[0].metadata).toEqual(
      expect.objectContaining({
        actor: { kind: 'admin', accountId: admin.accountId },
        orgId: admin.orgId,
      }),
    );

    const again = await settings(admin, { name: 'Acme Corp' });
    expectStatus(again, 200);
    expect(await app.headPosition()).toBe(events[events.length - 1].position);
  });

  it('refuses a member who is not an administrator (403) and another organization (404, no data)', async () => {
    const head = await app.headPosition();
    const forbidden = await settings(user, { name: 'Mine' });
    expectStatus(forbidden, 403);
    expect(forbidden.body.code).toBe('PROFILE-org-admin-required');
    const foreign = await settings(otherAdmin, { name: 'Mine' });
    expectStatus(foreign, 404);
    expect(foreign.body).toEqual(expect.not.objectContaining({ name: expect.anything() }));
    expect(foreign.body.message).toBe('Organization not found');
    const foreignRead = await app
      .http()
      .get(`/organizations/${admin.orgId}`)
      .set(await app.as(otherAdmin));
    expectStatus(foreignRead, 404);
    expect(JSON.stringify(foreignRead.body)).not.toContain('Acme');
    expect(await app.headPosition()).toBe(head);
  });

  it.each([
    ['name', { name: '' }],
    ['name', { name: ['Acme'] }],
    ['twoFactorRequired', { twoFactorRequired: 'yes' }],
    ['emailEditableByUsers', { emailEditableByUsers: 1 }],
    ['allowedSecondFactors', { allowedSecondFactors: ['password'] }],
    ['allowedSecondFactors', { allowedSecondFactors: 'email' }],
    ['allowedSecondFactors', { twoFactorRequired: true, allowedSecondFactors: [] }],
    ['color', { color: 'blue' }],
  ])('answers 400 naming %s and writes nothing', async (field, body) => {
    const head = await app.headPosition();
    const res = await settings(admin, body);
    expectStatus(res, 400);
    expect(fieldOf(res)).toBe(field);
    expect(await app.headPosition()).toBe(head);
  });

  it('answers an id that is not a UUID with 404', async () => {
    expectStatus(
      await app
        .http()
        .get('/organizations/not-a-uuid')
        .set(await app.as(admin)),
      404,
    );
    expectStatus(await settings(admin, { name: 'x' }, '../../etc'), 404);
  });

  it('needs an access token (401)', async () => {
    expectStatus(await app.http().get(`/organizations/${admin.orgId}`), 401);
    expectStatus(
      await app.http().put(`/organizations/${admin.orgId}/settings`).send({ name: 'x' }),
      401,
    );
    expectStatus(
      await app
        .http()
        .get(`/organizations/${admin.orgId}`)
        .set('Authorization', 'Bearer not.a.token'),
      401,
    );
  });
});
