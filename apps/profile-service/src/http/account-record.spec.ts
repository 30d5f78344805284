import { TestTokens } from '@accounts/testing';
import { fieldOf, ProfileTestApp, type TwoOrganizations } from '../testing/profile-test-app';

const pause = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('GET /accounts/:id[?at=] (administrators; the fold the audit service composes)', () => {
  let tokens: TestTokens;
  let orgs: TwoOrganizations;

  beforeAll(async () => {
    tokens = await TestTokens.create();
  });
  beforeEach(async () => {
    orgs = await ProfileTestApp.withTwoOrganizations(tokens);
  });
  afterEach(() => orgs.app.close());

  it('answers ?at= exactly what the live read answered at each of several instants', async () => {
    const { app, admin, user } = orgs;
    const live: Array<{ at: string; body: unknown }> = [];
    const record = async () => {
      const res = await app
        .http()
        .get(`/accounts/${user.accountId}`)
        .set(await app.as(admin))
        .expect(200);
      await pause();
      live.push({ at: new Date().toISOString(), body: res.body });
      await pause();
    };
    await record();
    await app
      .http()
      .patch('/accounts/me')
      .set(await app.as(user))
      .send({ mobilePhone: '+33612345678', timeZone: 'Europe/Paris' })
      .expect(200);
    await record();
    await app
      .http()
      .put(`/accounts/${user.accountId}/group-restriction`)
      .set(await app.as(admin))
      .send({ groupRestriction: { kind: 'groups', groups: ['ops'] } });
    await app
      .http()
      .put(`/accounts/${user.accountId}/account-type`)
      .set(await app.as(admin))
      .send({ accountType: 'read-only' })
      .expect(200);
    await record();
    await app
      .http()
      .post(`/accounts/${user.accountId}/disable`)
      .set(await app.as(admin))
      .send({ reason: 'left' })
      .expect(200);
    await record();
    await app
      .http()
      .patch('/accounts/me')
      .set(await app.as(user))
      .send({ firstName: 'Later' });

    for (const { at, body } of live) {
      const res = await app
        .http()
        .get(`/accounts/${user.accountId}?at=${encodeURIComponent(at)}`)
        .set(await app.as(admin))
        .expect(200);
      expect(res.body).toEqual(body);
    }
    expect(live.map((l) => (l.body as { enabled: boolean }).enabled)).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect((live[2].body as { accountType: string }).accountType).toBe('read-only');
  });

  it('answers 404 before the account existed and for another organization, 403 to a non-administrator, 401 without a token, 400 for a bad instant', async () => {
    const { app, admin, user, otherAdmin } = orgs;
    const before = await app.headPosition();
    await app
      .http()
      .get(`/accounts/${user.accountId}?at=2000-01-01T00:00:00Z`)
      .set(await app.as(admin))
      .expect(404);
    await app
      .http()
      .get(`/accounts/${user.accountId}`)
      .set(await app.as(otherAdmin))
      .expect(404);
    await app
      .http()
      .get(`/accounts/${admin.accountId}`)
      .set(await app.as(user))
      .expect(403);
    await app.http().get(`/accounts/${user.accountId}`).expect(401);
    const bad = await app
      .http()
      .get(`/accounts/${user.accountId}?at=yesterday`)
      .set(await app.as(admin))
      .expect(400);
    expect(fieldOf(bad)).toBe('at');
    expect(await app.headPosition()).toBe(before);
  });
});
