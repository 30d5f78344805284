import { TestTokens } from '@accounts/testing';
import { expectStatus, fieldOf, type Member, ProfileTestApp } from '../testing/profile-test-app';

const ACTIONS = [
  {
    name: 'PUT account-type',
    method: 'put',
    path: 'account-type',
    body: { accountType: 'read-only' },
  },
  {
    name: 'PUT group-restriction',
    method: 'put',
    path: 'group-restriction',
    body: { groupRestriction: { kind: 'groups', groups: ['Paris'] } },
  },
  { name: 'POST disable', method: 'post', path: 'disable', body: { reason: 'left' } },
  { name: 'POST enable', method: 'post', path: 'enable', body: {} },
] as const;

describe('account administration: type, group restriction, disable, enable', () => {
  let app: ProfileTestApp;
  let admin: Member;
  let user: Member;
  let otherAdmin: Member;
  beforeAll(async () => {
    ({ app, admin, user, otherAdmin } = await ProfileTestApp.withTwoOrganizations(
      await TestTokens.create(),
      { admin: 'Australia/Sydney' },
    ));
  });
  afterAll(() => app.close());

  const act = async (
    caller: Member,
    method: 'put' | 'post',
    path: string,
    body: unknown,
    target = user.accountId,
  ) =>
    app
      .http()
      [method](`/accounts/${target}/${path}`)
      .set(await app.as(caller))
      .send(body as object);

  it("changes the account type and the group restriction, answering the account in the caller's zone", async () => {
    const type = await act(admin, 'put', 'account-type', { accountType: 'read-only' });
    expectStatus(type, 200);
    expect(type.body).toEqual(
      expect.objectContaining({ id: user.accountId, accountType: 'read-only' }),
    );
    expect(type.body.updatedAtLocal).toMatch(/\+1[01]:00$/);
    const groups = await act(admin, 'put', 'group-restriction', {
      groupRestriction: { kind: 'groups', groups: ['Paris', ' Lyon'] },
    });
    expectStatus(groups, 200);
    expect(groups.body.groupRestriction).toEqual({ kind: 'groups', groups: ['Lyon', 'Paris'] });
    const stream = await app.store.readStream(`account-${user.accountId}`);
    expect(stream.slice(-2).map((e) => [e.type, e.data])).toEqual([
      ['AccountTypeChanged', { accountId: user.accountId, from: 'standard', to: 'read-only' }],
      [
        'AccountGroupRestrictionChanged',
        {
          accountId: user.accountId,
          from: { kind: 'all' },
          to: { kind: 'groups', groups: ['Lyon', 'Paris'] },
        },
      ],
    ]);
    expect(stream[stream.length - 1].metadata.actor).toEqual({
      kind: 'admin',
      accountId: admin.accountId,
    });
    // The same value again changes nothing.
    const head = await app.headPosition();
    expectStatus(await act(admin, 'put', 'account-type', { accountType: 'read-only' }), 200);
    expect(await app.headPosition()).toBe(head);
  });

  it('disables with a reason and enables again; the directory follows', async () => {
    const disabled = await act(admin, 'post', 'disable', { reason: '  On leave ' });
    expectStatus(disabled, 200);
    expect(disabled.body.enabled).toBe(false);
    const last = (await app.store.readStream(`account-${user.accountId}`)).at(-1);
    expect([last?.type, last?.data]).toEqual([
      'AccountDisabled',
      { accountId: user.accountId, reason: 'On leave' },
    ]);
    const listed = await app
      .http()
      .get(`/organizations/${admin.orgId}/accounts?search=bob`)
      .set(await app.as(admin));
    expect(listed.body.items[0].enabled).toBe(false);
    const enabled = await act(admin, 'post', 'enable', {});
    expectStatus(enabled, 200);
    expect(enabled.body.enabled).toBe(true);
  });

  it("never acts on one's own account, with a message saying who must do it (403)", async () => {
    const head = await app.headPosition();
    const type = await act(
      admin,
      'put',
      'account-type',
      { accountType: 'standard' },
      admin.accountId,
    );
    expectStatus(type, 403);
    expect(type.body).toEqual(
      expect.objectContaining({
        code: 'PROFILE-own-account-type',
        message: 'Another administrator of your organization must change your account type',
      }),
    );
    const groups = await act(
      admin,
      'put',
      'group-restriction',
      { groupRestriction: { kind: 'all' } },
      admin.accountId,
    );
    expect(groups.body.code).toBe('PROFILE-own-group-restriction');
    expect((await act(admin, 'post', 'disable', {}, admin.accountId)).body.code).toBe(
      'PROFILE-own-account-disable',
    );
    expect((await act(admin, 'post', 'enable', {}, admin.accountId)).body.code).toBe(
      'PROFILE-own-account-enable',
    );
    expect(await app.headPosition()).toBe(head);
  });

  describe.each(ACTIONS)('$name', ({ method, path, body }) => {
    it('refuses a member who is not an administrator (403), writing nothing', async () => {
      const { member: other } = await app.registerAccount(
        admin,
        `x${path.replace('-', '')}${Date.now()}`,
      );
      const head = await app.headPosition();
      const res = await act(user, method, path, body, other.accountId);
      expectStatus(res, 403);
      expect(res.body.code).toBe('PROFILE-admin-required');
      expect(await app.headPosition()).toBe(head);
    });

    it("answers another organization's account, a missing one and a malformed id alike: 404 without data", async () => {
      const head = await app.headPosition();
      const foreign = await act(otherAdmin, method, path, body);
      expectStatus(foreign, 404);
      expect(foreign.body).toEqual({
        statusCode: 404,
        error: 'Not Found',
        message: 'Account not found',
        code: 'PROFILE-account-not-found',
      });
      expectStatus(
        await act(admin, method, path, body, '00000000-0000-4000-8000-000000000000'),
        404,
      );
      expectStatus(await act(admin, method, path, body, 'not-a-uuid'), 404);
      expect(await app.headPosition()).toBe(head);
    });

    it('needs an access token (401)', async () => {
      expectStatus(await app.http()[method](`/accounts/${user.accountId}/${path}`).send(body), 401);
    });
  });

  it.each([
    ['account-type', 'accountType', {}],
    ['account-type', 'accountType', { accountType: 'owner' }],
    ['account-type', 'accountType', { accountType: ['standard'] }],
    ['account-type', 'extra', { accountType: 'standard', extra: 1 }],
    ['group-restriction', 'groupRestriction', {}],
    ['group-restriction', 'groupRestriction', { groupRestriction: 'all' }],
    [
      'group-restriction',
      'groupRestriction',
      { groupRestriction: { kind: 'groups', groups: [''] } },
    ],
    [
      'group-restriction',
      'groupRestriction',
      { groupRestriction: { kind: 'groups', groups: ['x'.repeat(101)] } },
    ],
  ])('PUT %s answers 400 naming %s, writing nothing', async (path, field, body) => {
    const head = await app.headPosition();
    const res = await act(admin, 'put', path, body);
    expectStatus(res, 400);
    expect(fieldOf(res)).toBe(field);
    expect(await app.headPosition()).toBe(head);
  });

  it.each([
    ['reason', { reason: 42 }],
    ['reason', { reason: 'x'.repeat(501) }],
    ['until', { until: 'tomorrow' }],
  ])('POST disable answers 400 naming %s, writing nothing', async (field, body) => {
    const head = await app.headPosition();
    const res = await act(admin, 'post', 'disable', body);
    expectStatus(res, 400);
    expect(fieldOf(res)).toBe(field);
    expect(await app.headPosition()).toBe(head);
  });
});

describe('the organization never loses its last administrator', () => {
  let app: ProfileTestApp;
  let first: Member;
  beforeEach(async () => {
    app = await ProfileTestApp.start(await TestTokens.create());
    first = (await app.createOrganization('alice')).admin;
  });
  afterEach(() => app.close());

  const demote = async (caller: Member, target: Member) =>
    app
      .http()
      .put(`/accounts/${target.accountId}/account-type`)
      .set(await app.as(caller))
      .send({ accountType: 'standard' });

  /** The organization's enabled administrators, as its stream records them. */
  const administrators = async (): Promise<Set<string>> => {
    const admins = new Set<string>();
    for (const e of await app.store.readStream(`organization-${first.orgId}`)) {
      const { accountId } = e.data as { accountId: string };
      if (e.type === 'OrganizationAdministratorAdded') admins.add(accountId);
      if (e.type === 'OrganizationAdministratorRemoved') admins.delete(accountId);
    }
    return admins;
  };

  it('uses the current account type from the store, not the token: a demoted administrator loses rights at once', async () => {
    const second = (await app.registerAccount(first, 'bob', { accountType: 'administrator' }))
      .member;
    expectStatus(await demote(first, second), 200);
    const res = await app
      .http()
      .put(`/accounts/${first.accountId}/account-type`)
      .set(await app.tokens.bearer({ ...second, accountType: 'administrator' }))
      .send({ accountType: 'standard' });
    expectStatus(res, 403);
    expect(await administrators()).toEqual(new Set([first.accountId]));
  });

  it('keeps one administrator when administrators demote and disable each other all at once', async () => {
    const others = [];
    for (const name of ['bob', 'carol', 'dave']) {
      others.push(
        (await app.registerAccount(first, name, { accountType: 'administrator' })).member,
      );
    }
    const everyone = [first, ...others];
    const attempts = everyone.flatMap((caller) =>
      everyone
        .filter((target) => target !== caller)
        .map(async (target) =>
          app
            .http()
            .post(`/accounts/${target.accountId}/disable`)
            .set(await app.as(caller))
            .send({}),
        ),
    );
    const results = await Promise.all(attempts);
    // 401: the caller was disabled by an earlier request of the same burst, so its token stopped working.
    for (const res of results) expect([200, 401, 403, 409]).toContain(res.status);
    const left = await administrators();
    expect(left.size).toBeGreaterThanOrEqual(1);
    // The organization stream and the account streams agree on who is still an enabled administrator.
    for (const member of everyone) {
      const me = await app
        .http()
        .get('/accounts/me')
        .set(await app.as(member));
      if (left.has(member.accountId)) expect([me.status, me.body.enabled]).toEqual([200, true]);
      else
        expect([me.status, me.body.message]).toEqual([
          401,
          'The access token is not valid (account disabled); sign in again',
        ]);
    }
  });

  it('records disabling and re-enabling an administrator on the organization', async () => {
    const second = (await app.registerAccount(first, 'bob', { accountType: 'administrator' }))
      .member;
    expectStatus(
      await app
        .http()
        .post(`/accounts/${first.accountId}/disable`)
        .set(await app.as(second))
        .send({}),
      200,
    );
    expect(await administrators()).toEqual(new Set([second.accountId]));
    expectStatus(
      await app
        .http()
        .post(`/accounts/${first.accountId}/enable`)
        .set(await app.as(second)),
      200,
    );
    expect(await administrators()).toEqual(new Set([first.accountId, second.accountId]));
  });
});
