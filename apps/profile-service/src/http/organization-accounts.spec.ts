import { TestTokens } from '@accounts/testing';
import {
  expectStatus,
  fieldOf,
  type Member,
  person,
  ProfileTestApp,
} from '../testing/profile-test-app';

describe('POST /organizations/:orgId/accounts', () => {
  let app: ProfileTestApp;
  let admin: Member;
  let user: Member;
  let otherAdmin: Member;
  beforeAll(async () => {
    ({ app, admin, user, otherAdmin } = await ProfileTestApp.withTwoOrganizations(
      await TestTokens.create(),
      { admin: 'America/New_York' },
    ));
  });
  afterAll(() => app.close());

  const register = async (caller: Member, body: unknown, orgId = admin.orgId) =>
    app
      .http()
      .post(`/organizations/${orgId}/accounts`)
      .set(await app.as(caller))
      .send(body as object);

  it('creates an account with its type and group restriction; the event carries who, from where, and why', async () => {
    const head = await app.headPosition();
    const res = await app
      .http()
      .post(`/organizations/${admin.orgId}/accounts`)
      .set(await app.as(admin))
      .set('X-Correlation-Id', 'create-carol-1')
      .set('User-Agent', 'profile-tests/1.0')
      .send({
        ...person('carol', {
          mobilePhone: '+33 6 12 34 56 78',
          timeZone: 'Europe/Paris',
          sessionTimeout: '1h',
        }),
        accountType: 'read-only',
        groupRestriction: { kind: 'groups', groups: ['Paris', 'Lyon'] },
      });
    expectStatus(res, 201);
    expect(res.body).toEqual(
      expect.objectContaining({
        orgId: admin.orgId,
        userName: 'carol',
        mobilePhone: '+33612345678',
        timeZone: 'Europe/Paris',
        sessionTimeout: '1h',
        accountType: 'read-only',
        groupRestriction: { kind: 'groups', groups: ['Lyon', 'Paris'] },
        enabled: true,
        activationLink: expect.stringMatching(
          /^http:\/\/localhost:3000\/activate\?token=[A-Za-z0-9_-]{43}$/,
        ),
      }),
    );
    // Times in the caller's (the administrator's) zone.
    expect(res.body.createdAtLocal).toMatch(/-0[45]:00$/);

    const events = await app.store.readAll({ fromPosition: head });
    expect(events.map((e) => e.type)).toEqual(['UserNameReserved', 'AccountRegistered']);
    expect(events[1].metadata).toEqual({
      correlationId: 'create-carol-1',
      causationId: 'create-carol-1',
      actor: { kind: 'admin', accountId: admin.accountId },
      orgId: admin.orgId,
      ip: expect.stringMatching(/127\.0\.0\.1/),
      userAgent: 'profile-tests/1.0',
    });
    expect(res.headers['x-correlation-id']).toBe('create-carol-1');
  });

  it('records a new administrator on the organization before the account', async () => {
    const head = await app.headPosition();
    const res = await register(admin, { ...person('dave'), accountType: 'administrator' });
    expectStatus(res, 201);
    const events = await app.store.readAll({ fromPosition: head });
    expect(events.map((e) => [e.type, e.streamId])).toEqual([
      ['UserNameReserved', 'username-dave'],
      ['OrganizationAdministratorAdded', `organization-${admin.orgId}`],
      ['AccountRegistered', `account-${res.body.id}`],
    ]);
  });

  it('answers a user name taken anywhere on the server (any case) with 409, writing nothing', async () => {
    const head = await app.headPosition();
    const res = await register(admin, { ...person('ZOE'), accountType: 'standard' });
    expectStatus(res, 409);
    expect(res.body).toEqual(
      expect.objectContaining({ code: 'PROFILE-user-name-taken', details: { field: 'userName' } }),
    );
    expect(await app.headPosition()).toBe(head);
  });

  it.each([
    ['userName', { ...person('x y'), accountType: 'standard' }],
    ['userName', { ...person('x'), userName: undefined, accountType: 'standard' }],
    ['firstName', { ...person('erin', { firstName: 7 }), accountType: 'standard' }],
    ['lastName', { ...person('erin', { lastName: '' }), accountType: 'standard' }],
    ['email', { ...person('erin', { email: 'erin@' }), accountType: 'standard' }],
    ['mobilePhone', { ...person('erin', { mobilePhone: '12' }), accountType: 'standard' }],
    ['timeZone', { ...person('erin', { timeZone: 'Nowhere' }), accountType: 'standard' }],
    ['sessionTimeout', { ...person('erin', { sessionTimeout: 30 }), accountType: 'standard' }],
    ['accountType', { ...person('erin'), accountType: 'admin' }],
    ['accountType', { ...person('erin') }],
    [
      'groupRestriction',
      {
        ...person('erin'),
        accountType: 'standard',
        groupRestriction: { kind: 'groups', groups: [] },
      },
    ],
    ['groupRestriction', { ...person('erin'), accountType: 'standard', groupRestriction: 'all' }],
    ['isAdmin', { ...person('erin'), accountType: 'standard', isAdmin: true }],
    ['userName', { ...person('e'.repeat(50_000)), accountType: 'standard' }],
  ])('answers 400 naming %s and writes nothing', async (field, body) => {
    const head = await app.headPosition();
    const res = await register(admin, body);
    expectStatus(res, 400);
    expect(fieldOf(res)).toBe(field);
    expect(await app.headPosition()).toBe(head);
  });

  it('answers a body over the size limit with 413, writing nothing', async () => {
    const head = await app.headPosition();
    const res = await register(admin, {
      ...person('erin', { lastName: 'x'.repeat(200_000) }),
      accountType: 'standard',
    });
    expectStatus(res, 413);
    expect(await app.headPosition()).toBe(head);
  });

  it('refuses a standard account (403), another organization (404 without data), no token (401)', async () => {
    const head = await app.headPosition();
    const body = { ...person('frank'), accountType: 'standard' };
    const forbidden = await register(user, body);
    expectStatus(forbidden, 403);
    expect(forbidden.body.code).toBe('PROFILE-admin-required');
    const foreign = await register(otherAdmin, body);
    expectStatus(foreign, 404);
    expect(foreign.body.code).toBe('PROFILE-org-not-found');
    expectStatus(await app.http().post(`/organizations/${admin.orgId}/accounts`).send(body), 401);
    expectStatus(await register(admin, body, 'nope'), 404);
    expect(await app.headPosition()).toBe(head);
  });
});

describe('GET /organizations/:orgId/accounts: the account directory', () => {
  let app: ProfileTestApp;
  let admin: Member;
  let user: Member;
  let otherAdmin: Member;
  const names = ['Anna', 'anton', 'Ben', 'bea', 'Carl', 'chloe', 'Dan', 'anja2', 'ANJA1'];
  beforeAll(async () => {
    app = await ProfileTestApp.start(await TestTokens.create());
    admin = (await app.createOrganization('admin0', 'Asia/Kolkata')).admin;
    for (const name of names) await app.registerAccount(admin, name);
    user = (await app.registerAccount(admin, 'zed')).member;
    otherAdmin = (await app.createOrganization('outsider')).admin;
  });
  afterAll(() => app.close());

  const list = async (query: string, caller = admin, orgId = admin.orgId) =>
    app
      .http()
      .get(`/organizations/${orgId}/accounts${query}`)
      .set(await app.as(caller));

  it("lists the organization's accounts in user-name order (any case), page by page with an opaque cursor", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await list(`?limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expectStatus(res, 200);
      expect(res.body.items.length).toBeLessThanOrEqual(4);
      seen.push(...res.body.items.map((item: { userName: string }) => item.userName));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor);
    const expected = ['admin0', ...names, 'zed'].sort((a, b) =>
      a.toLowerCase().localeCompare(b.toLowerCase()),
    );
    expect(seen).toEqual(expected);
    expect(pages).toBe(3);
    expect(seen).not.toContain('outsider');
  });

  it("gives each item's profile and times, also in the caller's zone", async () => {
    const res = await list('?search=admin0');
    expectStatus(res, 200);
    expect(res.body).toEqual({
      items: [
        {
          id: admin.accountId,
          userName: 'admin0',
          firstName: 'Jane',
          lastName: 'Doe',
          email: 'admin0@example.com',
          accountType: 'administrator',
          enabled: true,
          createdAt: expect.stringMatching(/Z$/),
          createdAtLocal: expect.stringMatching(/\+05:30$/),
          updatedAt: expect.stringMatching(/Z$/),
          updatedAtLocal: expect.stringMatching(/\+05:30$/),
        },
      ],
      nextCursor: null,
    });
  });

  it('searches by the start of the user name, whatever the case, with paging', async () => {
    const first = await list('?search=AN&limit=2');
    expectStatus(first, 200);
    expect(first.body.items.map((i: { userName: string }) => i.userName)).toEqual([
      'ANJA1',
      'anja2',
    ]);
    const second = await list(`?search=an&limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((i: { userName: string }) => i.userName)).toEqual([
      'Anna',
      'anton',
    ]);
    expect(second.body.nextCursor).toBeNull();
    const none = await list('?search=x');
    expect(none.body).toEqual({ items: [], nextCursor: null });
  });

  it('defaults to 20 per page', async () => {
    const res = await list('');
    expect(res.body.items).toHaveLength(names.length + 2);
    expect(res.body.nextCursor).toBeNull();
  });

  it('shows a write at once (read-your-writes)', async () => {
    const { member } = await app.registerAccount(admin, 'justnow');
    const res = await list('?search=justnow');
    expect(res.body.items.map((i: { id: string }) => i.id)).toEqual([member.accountId]);
    const renamed = await app
      .http()
      .patch('/accounts/me')
      .set(await app.as(member))
      .send({ userName: 'renamedNow' });
    expectStatus(renamed, 200);
    expect((await list('?search=justnow')).body.items).toEqual([]);
    expect(
      (await list('?search=renamednow')).body.items.map((i: { userName: string }) => i.userName),
    ).toEqual(['renamedNow']);
  });

  it.each([
    ['limit', '?limit=0'],
    ['limit', '?limit=101'],
    ['limit', '?limit=abc'],
    ['limit', '?limit=2.5'],
    ['search', '?search=a%20b'],
    ['search', `?search=${'a'.repeat(65)}`],
    ['search', '?search=a&search=b'],
    ['cursor', '?cursor=garbage'],
    ['cursor', `?cursor=${Buffer.from('{"a":1}').toString('base64url')}`],
    ['sort', '?sort=email'],
  ])('answers 400 naming %s (%s)', async (field, query) => {
    const res = await list(query);
    expectStatus(res, 400);
    expect(fieldOf(res)).toBe(field);
  });

  it('refuses a standard account (403), another organization (404 without data), no token (401)', async () => {
    const forbidden = await list('', user);
    expectStatus(forbidden, 403);
    expect(forbidden.body.items).toBeUndefined();
    const foreign = await list('', otherAdmin);
    expectStatus(foreign, 404);
    expect(foreign.body.items).toBeUndefined();
    expectStatus(await app.http().get(`/organizations/${admin.orgId}/accounts`), 401);
    expectStatus(await list('', admin, '00000000-0000-4000-8000-000000000000'), 404);
  });
});
