import type { AccountActivationReissuedData, AccountRegisteredData } from '@accounts/contracts';
import { TestTokens } from '@accounts/testing';
import { expectStatus, type Member, ProfileTestApp } from '../testing/profile-test-app';

describe('POST /accounts/:id/activation: an administrator sends a new activation link', () => {
  let app: ProfileTestApp;
  let admin: Member;
  let user: Member;
  let otherAdmin: Member;
  beforeAll(async () => {
    ({ app, admin, user, otherAdmin } = await ProfileTestApp.withTwoOrganizations(
      await TestTokens.create(),
      {
        admin: 'Europe/Paris',
      },
    ));
  });
  afterAll(() => app.close());

  const reissue = async (caller: Member | null, target = user.accountId) => {
    const req = app.http().post(`/accounts/${target}/activation`);
    if (caller) req.set(await app.as(caller));
    return req.send({});
  };

  it('records a new link (hash and linkId only) valid 72 hours; embedded development also answers it', async () => {
    const res = await reissue(admin);
    expectStatus(res, 202);
    expect(res.body).toEqual({
      accountId: user.accountId,
      activationExpiresAt: expect.any(String),
      activationLink: expect.stringMatching(/\/activate\?token=/),
    });
    const stream = await app.store.readStream(`account-${user.accountId}`);
    const registered = stream[0].data as AccountRegisteredData;
    const last = stream.at(-1)!;
    expect(last.type).toBe('AccountActivationReissued');
    const { activation } = last.data as AccountActivationReissuedData;
    expect(activation).toEqual({
      tokenSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      expiresAt: res.body.activationExpiresAt,
      linkId: expect.any(String),
    });
    expect(activation.tokenSha256).not.toBe(registered.activation.tokenSha256);
    expect(Date.parse(activation.expiresAt) - Date.parse(last.occurredAt)).toBe(72 * 3600_000);
    const token = new URL(res.body.activationLink).searchParams.get('token')!;
    expect(JSON.stringify(stream)).not.toContain(token);
  });

  it("refuses a caller without a token (401), a standard user (403), another organization (404) and one's own account (403)", async () => {
    const head = await app.headPosition();
    expectStatus(await reissue(null), 401);
    const standard = await reissue(user, admin.accountId);
    expectStatus(standard, 403);
    // Another organization's account is not even known to exist.
    expectStatus(await reissue(otherAdmin), 404);
    const own = await reissue(admin, admin.accountId);
    expectStatus(own, 403);
    expect(own.body.code).toBe('PROFILE-own-activation');
    // A malformed id names no account (as on every /accounts/:id route).
    expectStatus(
      await app
        .http()
        .post('/accounts/not-a-uuid/activation')
        .set(await app.as(admin))
        .send({}),
      404,
    );
    expect(await app.headPosition()).toBe(head);
  });
});
