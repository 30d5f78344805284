import { TestTokens } from '@accounts/testing';
import { expectStatus, type Member, ProfileTestApp } from '../../testing/profile-test-app';

/**
 * PATCH /accounts/me decides first on the account as this process last wrote it, without reading
 * the stream. Two apps on one data folder stand for two worker processes: what one writes, the
 * other's cache has not seen.
 */
describe('PATCH /accounts/me with several workers on one store', () => {
  let tokens: TestTokens;
  let one: ProfileTestApp;
  let two: ProfileTestApp;
  let admin: Member;
  let user: Member;

  beforeAll(async () => {
    tokens = await TestTokens.create();
    one = await ProfileTestApp.start(tokens);
    two = await ProfileTestApp.start(tokens, { DATA_DIR: one.t.dataDir });
    admin = (await one.createOrganization('acme')).admin;
    user = (await one.registerAccount(admin, 'bob')).member;
  });
  afterAll(async () => {
    await two.close();
    await one.close();
  });

  const patch = async (app: ProfileTestApp, member: Member, body: object) =>
    app
      .http()
      .patch('/accounts/me')
      .set(await app.as(member))
      .send(body);
  const typesOf = async (member: Member) =>
    (await one.store.readStream(`account-${member.accountId}`)).map((e) => e.type);

  it('applies a value its cache already shows when another worker changed it since', async () => {
    expectStatus(await patch(one, user, { firstName: 'Cached' }), 200);
    expectStatus(await patch(two, user, { firstName: 'Elsewhere' }), 200);
    // Worker one's cache still says Cached: "nothing to change" would be wrong.
    const back = await patch(one, user, { firstName: 'Cached' });
    expectStatus(back, 200);
    expect(back.body.firstName).toBe('Cached');
    const last = (await one.store.readStream(`account-${user.accountId}`)).at(-1);
    expect(last).toMatchObject({
      type: 'AccountFirstNameChanged',
      data: { from: 'Elsewhere', to: 'Cached' },
    });
  });

  it('answers with the edits of both workers, none lost', async () => {
    expectStatus(await patch(one, user, { lastName: 'One' }), 200);
    expectStatus(await patch(two, user, { timeZone: 'Europe/Paris' }), 200);
    const res = await patch(one, user, { firstName: 'Both' });
    expectStatus(res, 200);
    expect(res.body).toMatchObject({
      firstName: 'Both',
      lastName: 'One',
      timeZone: 'Europe/Paris',
    });
  });

  it('refuses an edit of an account another worker disabled, and writes nothing', async () => {
    const carol = (await one.registerAccount(admin, 'carol')).member;
    expectStatus(await patch(one, carol, { firstName: 'Carol' }), 200);
    const disabled = await two
      .http()
      .post(`/accounts/${carol.accountId}/disable`)
      .set(await two.as(admin))
      .send({ reason: 'left' });
    expectStatus(disabled, 200);
    const before = await typesOf(carol);
    const res = await patch(one, carol, { firstName: 'Caz' });
    // 401 once this worker's revocation model has the disabling, 403 from the account before it has.
    expect([401, 403]).toContain(res.status);
    expect(await typesOf(carol)).toEqual(before);
  });

  it('does not read the organization for an edit naming no email, yet refuses a locked email change', async () => {
    const lock = await one
      .http()
      .put(`/organizations/${admin.orgId}/settings`)
      .set(await one.as(admin))
      .send({ emailEditableByUsers: false });
    expectStatus(lock, 200);
    const reads: string[] = [];
    const readStream = one.store.readStream.bind(one.store);
    const spy = jest
      .spyOn(one.store, 'readStream')
      .mockImplementation((id, options) => (reads.push(id), readStream(id, options)));
    try {
      const nameOnly = await patch(one, user, { lastName: 'Tables' });
      expectStatus(nameOnly, 200);
      expect(reads.filter((id) => id.startsWith('organization-'))).toEqual([]);
      const locked = await patch(one, user, { email: 'new@example.com' });
      expectStatus(locked, 403);
      expect(locked.body.code).toBe('PROFILE-email-locked');
      expect(reads.filter((id) => id.startsWith('organization-'))).not.toEqual([]);
    } finally {
      spy.mockRestore();
    }
  });
});
