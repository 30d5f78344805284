import { decodeJwt } from 'jose';
import { ReadModels } from '../projections/read-models';
import { TRUSTED_DEVICES } from '../projections/trusted-devices.projection';
import { AuthTestApp, expectStatus, type SeededAccount } from '../testing/auth-test-app';

describe('GET/DELETE /auth/me/trusted-devices: the trusted_devices read model', () => {
  let app: AuthTestApp;
  let orgId: string;
  beforeAll(async () => {
    app = await AuthTestApp.start();
    orgId = await app.organization();
  });
  afterAll(() => app.close());

  /** An email-method account, signed in once with the code: that computer is now trusted. */
  async function trustedUser(
    userName: string,
  ): Promise<{ user: SeededAccount; bearer: Record<string, string>; deviceToken: string }> {
    const user = await app.activeAccount(orgId, userName);
    const { bearer } = await app.tokens(userName);
    expectStatus(await app.http().post('/auth/me/verification/email').set(bearer), 200);
    const verification = await app.codeSentTo(user.email);
    expectStatus(
      await app
        .http()
        .post('/auth/me/verification/email/confirm')
        .set(bearer)
        .send({ code: verification }),
      200,
    );
    expectStatus(
      await app.http().put('/auth/me/method').set(bearer).send({ method: 'email' }),
      200,
    );
    const challenge = await app.login(userName);
    const code = await app.codeSentTo(user.email);
    const passed = await app
      .http()
      .post(`/auth/login/${challenge.body.challengeId}`)
      .set('User-Agent', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Firefox/128.0')
      .send({ code });
    expectStatus(passed, 200);
    return {
      user,
      bearer: { Authorization: `Bearer ${passed.body.accessToken}` },
      deviceToken: passed.body.trustedDeviceToken,
    };
  }

  const list = (bearer: Record<string, string>, deviceToken?: string) => {
    const req = app.http().get('/auth/me/trusted-devices').set(bearer);
    if (deviceToken) req.set('X-Trusted-Device', deviceToken);
    return req;
  };

  it('lists the device after a trusted sign-in with first and last use; a later sign-in moves lastUsedAt', async () => {
    const { bearer, deviceToken } = await trustedUser('tdlist');
    const first = await list(bearer, deviceToken);
    expectStatus(first, 200);
    expect(first.body.items).toEqual([
      {
        id: expect.any(String),
        label: expect.any(String),
        ip: expect.any(String),
        firstUsedAt: expect.any(String),
        lastUsedAt: expect.any(String),
        expiresAt: expect.any(String),
        current: true,
      },
    ]);
    const [added] = first.body.items;
    expect(added.lastUsedAt).toBe(added.firstUsedAt);
    expect(Date.parse(added.expiresAt)).toBeGreaterThan(Date.now());
    // Without the token the same device is listed, but not as the current one.
    expect((await list(bearer)).body.items).toEqual([{ ...added, current: false }]);

    const trusted = await app.login('tdlist', undefined, deviceToken);
    expectStatus(trusted, 200);
    // The trusted computer skipped the second factor: tokens at once, signed in by password only.
    expect(trusted.body.challengeId).toBeUndefined();
    expect(decodeJwt(trusted.body.accessToken)).toMatchObject({ amr: ['pwd'] });
    const afterUse = await list(
      { Authorization: `Bearer ${trusted.body.accessToken}` },
      deviceToken,
    );
    expect(afterUse.body.items).toHaveLength(1);
    const [used] = afterUse.body.items;
    expect(used.id).toBe(added.id);
    expect(used.firstUsedAt).toBe(added.firstUsedAt);
    expect(Date.parse(used.lastUsedAt)).toBeGreaterThan(Date.parse(added.lastUsedAt));
  });

  it('DELETE removes the device from the list and its token no longer skips the second factor', async () => {
    const { bearer, deviceToken } = await trustedUser('tdrevoke');
    const [device] = (await list(bearer)).body.items;
    expectStatus(await app.http().delete(`/auth/me/trusted-devices/${device.id}`).set(bearer), 204);
    expect((await list(bearer)).body.items).toEqual([]);
    const again = await app.login('tdrevoke', undefined, deviceToken);
    expectStatus(again, 200);
    expect(again.body).toEqual(
      expect.objectContaining({ challengeId: expect.any(String), method: expect.any(String) }),
    );
    expect(again.body.accessToken).toBeUndefined();
  });

  it("another account's device id answers 404 and leaves that device trusted", async () => {
    const owner = await trustedUser('tdowner');
    const [device] = (await list(owner.bearer)).body.items;
    const intruder = await app.activeAccount(orgId, 'tdintruder');
    const { bearer } = await app.tokens(intruder.userName);
    const refused = await app.http().delete(`/auth/me/trusted-devices/${device.id}`).set(bearer);
    expectStatus(refused, 404);
    expect(refused.body.code).toBe('AUTH-trusted-device-not-found');
    expect((await list(bearer)).body.items).toEqual([]);
    expect((await list(owner.bearer)).body.items).toEqual([
      expect.objectContaining({ id: device.id }),
    ]);
  });

  it("runner.rebuild('trusted_devices') lands on the same rows as the live copy", async () => {
    await trustedUser('tdrebuild');
    await app.caughtUp();
    const readModels = app.t.app.get(ReadModels);
    const rows = () => readModels.database.all('SELECT * FROM trusted_devices ORDER BY device_id');
    const before = rows();
    expect(before.length).toBeGreaterThanOrEqual(4);
    await readModels.runner.rebuild(TRUSTED_DEVICES);
    expect(rows()).toEqual(before);
  });
});
