import { TestTokens } from '@accounts/testing';
import { expectStatus, fieldOf, type Member, ProfileTestApp } from '../testing/profile-test-app';

describe('GET and PATCH /accounts/me', () => {
  let app: ProfileTestApp;
  let admin: Member;
  let user: Member;
  let otherAdmin: Member;
  beforeAll(async () => {
    ({ app, admin, user, otherAdmin } = await ProfileTestApp.withTwoOrganizations(
      await TestTokens.create(),
      { user: 'Europe/Paris' },
    ));
  });
  afterAll(() => app.close());

  const me = async (caller: Member) =>
    app
      .http()
      .get('/accounts/me')
      .set(await app.as(caller));
  const patch = async (caller: Member, body: unknown) =>
    app
      .http()
      .patch('/accounts/me')
      .set(await app.as(caller))
      .send(body as object);

  it('shows my profile with every time also in my own zone', async () => {
    const res = await me(user);
    expectStatus(res, 200);
    expect(res.body).toEqual({
      id: user.accountId,
      orgId: admin.orgId,
      userName: 'bob',
      firstName: 'Jane',
      lastName: 'Doe',
      email: 'bob@example.com',
      mobilePhone: null,
      timeZone: 'Europe/Paris',
      sessionTimeout: '30m',
      accountType: 'standard',
      groupRestriction: { kind: 'all' },
      enabled: true,
      pendingEmail: null,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/),
      createdAtLocal: expect.stringMatching(/\+0[12]:00$/),
      updatedAt: expect.any(String),
      updatedAtLocal: expect.stringMatching(/\+0[12]:00$/),
    });
    expect(res.body).not.toHaveProperty('activation');
  });

  it('changes several fields in one append, one event per changed field, and shows times in the new zone', async () => {
    const head = await app.headPosition();
    const res = await patch(user, {
      firstName: 'Robert',
      lastName: 'Doe',
      mobilePhone: '+1 415 555 2671',
      timeZone: 'Asia/Tokyo',
      sessionTimeout: 'never',
    });
    expectStatus(res, 200);
    expect(res.body).toEqual(
      expect.objectContaining({
        firstName: 'Robert',
        lastName: 'Doe',
        mobilePhone: '+14155552671',
        timeZone: 'Asia/Tokyo',
        sessionTimeout: 'never',
        updatedAtLocal: expect.stringMatching(/\+09:00$/),
      }),
    );
    const events = await app.store.readAll({ fromPosition: head });
    expect(events.map((e) => e.type)).toEqual([
      'AccountFirstNameChanged',
      'AccountMobilePhoneChanged',
      'AccountTimeZoneChanged',
      'AccountSessionTimeoutChanged',
    ]);
    // One append: consecutive revisions, one instant.
    expect(new Set(events.map((e) => e.occurredAt)).size).toBe(1);
    expect(events[0].data).toEqual({ accountId: user.accountId, from: 'Jane', to: 'Robert' });
    expect(events[0].metadata.actor).toEqual({ kind: 'user', accountId: user.accountId });
  });

  it('appends nothing for a PATCH that changes nothing, and answers the unchanged profile', async () => {
    const before = await me(user);
    const head = await app.headPosition();
    for (const body of [
      {},
      { firstName: 'Robert', timeZone: 'asia/tokyo' },
      { mobilePhone: '+14155552671' },
    ]) {
      const res = await patch(user, body);
      expectStatus(res, 200);
      expect(res.body).toEqual(before.body);
    }
    expect(await app.headPosition()).toBe(head);
  });

  it('removes the phone with null', async () => {
    const res = await patch(user, { mobilePhone: null });
    expectStatus(res, 200);
    expect(res.body.mobilePhone).toBeNull();
  });

  it('renames, freeing the old name for anyone; a change of letter case only keeps the name', async () => {
    const renamed = await patch(user, { userName: 'Bobby' });
    expectStatus(renamed, 200);
    expect(renamed.body.userName).toBe('Bobby');
    const caseOnly = await patch(user, { userName: 'BOBBY' });
    expectStatus(caseOnly, 200);
    expect(caseOnly.body.userName).toBe('BOBBY');
    expect((await app.store.readStream('username-bobby')).map((e) => e.type)).toEqual([
      'UserNameReserved',
    ]);
    expect((await app.store.readStream('username-bob')).map((e) => e.type)).toEqual([
      'UserNameReserved',
      'UserNameReleased',
    ]);
    // The freed name is taken by someone else, in another organization even.
    const other = await app.registerAccount(otherAdmin, 'bob');
    expect(other.body.userName).toBe('bob');
    const taken = await patch(user, { userName: 'Zoe' });
    expectStatus(taken, 409);
    expect(taken.body.code).toBe('PROFILE-user-name-taken');
  });

  it('refuses to change the email when the organization locks it (403), but accepts the current one', async () => {
    const lock = await app
      .http()
      .put(`/organizations/${admin.orgId}/settings`)
      .set(await app.as(admin))
      .send({ emailEditableByUsers: false });
    expectStatus(lock, 200);
    const current = (await me(user)).body.email;
    const head = await app.headPosition();
    const res = await patch(user, { email: 'new@example.com', firstName: 'Bobby' });
    expectStatus(res, 403);
    expect(res.body).toEqual(
      expect.objectContaining({
        code: 'PROFILE-email-locked',
        message: expect.stringMatching(/do not allow users to change their email/),
      }),
    );
    expect(await app.headPosition()).toBe(head);
    const same = await patch(user, { email: current, firstName: 'Bobby' });
    expectStatus(same, 200);
    expect(same.body.firstName).toBe('Bobby');

    await app
      .http()
      .put(`/organizations/${admin.orgId}/settings`)
      .set(await app.as(admin))
      .send({ emailEditableByUsers: true });
    const unlocked = await patch(user, { email: 'new@example.com' });
    expectStatus(unlocked, 200);
    // Requested: the address changes once the link mailed to it is used (email-change.spec.ts).
    expect(unlocked.body).toMatchObject({
      email: current,
      pendingEmail: { email: 'new@example.com' },
    });
  });

  it.each([
    ['userName', { userName: 'bob smith' }],
    ['userName', { userName: null }],
    ['userName', { userName: 42 }],
    ['firstName', { firstName: 'x'.repeat(101) }],
    ['firstName', { firstName: 'Line\nBreak' }],
    ['firstName', { firstName: 'Jane\u202eeoD' }],
    ['firstName', { firstName: 'Jane\u2028Doe' }],
    ['lastName', { lastName: 'Doe\u0085' }],
    ['lastName', { lastName: 'D\u200boe' }],
    ['lastName', { lastName: '   ' }],
    ['email', { email: 'not an email' }],
    ['email', { email: { address: 'a@b.co' } }],
    ['mobilePhone', { mobilePhone: '0612345678' }],
    ['mobilePhone', { mobilePhone: 612345678 }],
    ['timeZone', { timeZone: '+01:00' }],
    ['sessionTimeout', { sessionTimeout: '45m' }],
    ['accountType', { accountType: 'administrator' }],
    ['groupRestriction', { groupRestriction: { kind: 'all' } }],
    ['id', { id: 'someone-else' }],
  ])('answers 400 naming %s and writes nothing', async (field, body) => {
    const head = await app.headPosition();
    const res = await patch(user, { firstName: 'Valid', ...body });
    expectStatus(res, 400);
    expect(fieldOf(res)).toBe(field);
    expect(await app.headPosition()).toBe(head);
  });

  it('answers malformed JSON with 400', async () => {
    const res = await app
      .http()
      .patch('/accounts/me')
      .set(await app.as(user))
      .set('Content-Type', 'application/json')
      .send('{"firstName":');
    expectStatus(res, 400);
  });

  it('needs an access token (401)', async () => {
    expectStatus(await app.http().get('/accounts/me'), 401);
    expectStatus(await app.http().patch('/accounts/me').send({ firstName: 'X' }), 401);
  });

  it("answers 404 without data for an account unknown in the token's organization", async () => {
    const crossed = { accountId: user.accountId, orgId: otherAdmin.orgId };
    const read = await me(crossed);
    expectStatus(read, 404);
    expect(read.body.userName).toBeUndefined();
    const head = await app.headPosition();
    expectStatus(await patch(crossed, { firstName: 'Mallory' }), 404);
    expectStatus(
      await me({ accountId: '00000000-0000-4000-8000-000000000000', orgId: admin.orgId }),
      404,
    );
    expect(await app.headPosition()).toBe(head);
  });

  it('refuses the tokens of a disabled account (401) as soon as it is disabled, and writes nothing', async () => {
    const { member } = await app.registerAccount(admin, 'carol');
    expectStatus(
      await app
        .http()
        .post(`/accounts/${member.accountId}/disable`)
        .set(await app.as(admin))
        .send({}),
      200,
    );
    const head = await app.headPosition();
    const res = await patch(member, { firstName: 'Caroline' });
    expectStatus(res, 401);
    expect(res.body.message).toBe(
      'The access token is not valid (account disabled); sign in again',
    );
    expectStatus(await me(member), 401);
    expect(await app.headPosition()).toBe(head);
  });
});
