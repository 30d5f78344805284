import { createLocalJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { AuthTestApp, expectStatus, totpAt, type SeededAccount } from '../testing/auth-test-app';

describe('second factors: email and authenticator, both variants; trusted devices; reset', () => {
  let app: AuthTestApp;
  let orgId: string;
  let admin: SeededAccount;
  beforeAll(async () => {
    app = await AuthTestApp.start();
    orgId = await app.organization();
    admin = await app.activeAccount(orgId, 'admin', { accountType: 'administrator' });
    await app.addAdministrator(orgId, admin.accountId);
  });
  afterAll(() => app.close());

  /**
   * What a client and a resource server do with the tokens of a sign-in: verify the access token
   * against the published keys, read who signed in, how (amr) and when (auth_time), call a route with
   * it, and refresh (which keeps amr and auth_time). `signedInAfter`: epoch ms taken before the step
   * that completed the sign-in.
   */
  async function expectWorkingTokens(
    body: { accessToken: string; refreshToken: string },
    accountId: string,
    amr: string[],
    signedInAfter: number,
  ): Promise<JWTPayload> {
    const jwks = createLocalJWKSet((await app.http().get('/.well-known/jwks.json')).body);
    const { payload } = await jwtVerify(body.accessToken, jwks, {
      audience: 'accounts',
      typ: 'at+jwt',
    });
    expect(payload).toEqual(
      expect.objectContaining({ sub: accountId, amr, sid: expect.any(String) }),
    );
    expect(payload.auth_time).toBeGreaterThanOrEqual(Math.floor(signedInAfter / 1000));
    expect(payload.auth_time).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000));
    await app.caughtUp();
    const sessions = await app
      .http()
      .get('/auth/me/sessions')
      .set('Authorization', `Bearer ${body.accessToken}`);
    expectStatus(sessions, 200);
    expect(sessions.body.items).toContainEqual(
      expect.objectContaining({ id: payload.sid, current: true }),
    );
    const refreshed = await app
      .http()
      .post('/auth/refresh')
      .send({ refreshToken: body.refreshToken });
    expectStatus(refreshed, 200);
    const again = (await jwtVerify(refreshed.body.accessToken, jwks, { audience: 'accounts' }))
      .payload;
    expect(again).toEqual(
      expect.objectContaining({
        sub: accountId,
        sid: payload.sid,
        amr,
        auth_time: payload.auth_time,
      }),
    );
    return payload;
  }

  async function verifyEmail(bearer: Record<string, string>, email: string) {
    expectStatus(await app.http().post('/auth/me/verification/email').set(bearer), 200);
    const code = await app.codeSentTo(email);
    const wrong = await app
      .http()
      .post('/auth/me/verification/email/confirm')
      .set(bearer)
      .send({ code: code === '000000' ? '111111' : '000000' });
    expectStatus(wrong, 400);
    expect(wrong.body.code).toBe('AUTH-verification-code-wrong');
    expectStatus(
      await app.http().post('/auth/me/verification/email/confirm').set(bearer).send({ code }),
      200,
    );
  }

  it('email on an unrecognized computer: code challenge, then the computer is trusted', async () => {
    const user = await app.activeAccount(orgId, 'emma');
    const { bearer } = await app.tokens('emma');
    const refused = await app.http().put('/auth/me/method').set(bearer).send({ method: 'email' });
    expectStatus(refused, 403);
    expect(refused.body.code).toBe('AUTH-method-email-not-verified');
    await verifyEmail(bearer, user.email);
    expectStatus(
      await app.http().put('/auth/me/method').set(bearer).send({ method: 'email' }),
      200,
    );

    const challenge = await app.login('emma');
    expectStatus(challenge, 200);
    expect(challenge.body).toEqual({
      challengeId: expect.any(String),
      method: 'email',
      sentTo: 'e***a@example.com',
    });
    const code = await app.codeSentTo(user.email);
    const wrong = await app
      .http()
      .post(`/auth/login/${challenge.body.challengeId}`)
      .send({ code: code === '000000' ? '111111' : '000000' });
    expectStatus(wrong, 401);
    expect(wrong.body).toEqual(
      expect.objectContaining({ code: 'AUTH-challenge-code-wrong', details: { attemptsLeft: 4 } }),
    );
    const bad = await app
      .http()
      .post(`/auth/login/${challenge.body.challengeId}`)
      .send({ code: 'abc' });
    expectStatus(bad, 400);
    expect(bad.body.message).toMatch(/code/);
    const answering = Date.now();
    const passed = await app
      .http()
      .post(`/auth/login/${challenge.body.challengeId}`)
      .send({ code });
    expectStatus(passed, 200);
    expect(passed.body).toEqual(
      expect.objectContaining({
        accessToken: expect.any(String),
        trustedDeviceToken: expect.any(String),
      }),
    );
    await expectWorkingTokens(passed.body, user.accountId, ['pwd', 'mfa', 'email'], answering);
    const cookie = String(passed.headers['set-cookie']);
    expect(cookie).toMatch(/trusted_device=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/auth(;|$)/);
    expect(cookie).toMatch(/Max-Age=\d+/);
    expect(cookie).toMatch(/Expires=/);
    const reused = await app
      .http()
      .post(`/auth/login/${challenge.body.challengeId}`)
      .send({ code });
    expectStatus(reused, 401);
    expect(reused.body.code).toBe('AUTH-challenge-used');

    // On the trusted computer the password alone signs in (header or cookie): no code, amr says so.
    const beforeTrusted = Date.now();
    const trusted = await app.login('emma', undefined, passed.body.trustedDeviceToken);
    expectStatus(trusted, 200);
    expect(trusted.body.challengeId).toBeUndefined();
    await expectWorkingTokens(trusted.body, user.accountId, ['pwd'], beforeTrusted);
    const viaCookie = await app
      .http()
      .post('/auth/login')
      .set('Cookie', `trusted_device=${passed.body.trustedDeviceToken}`)
      .send({ userName: 'emma', password: 'correct horse battery staple 42' });
    expectStatus(viaCookie, 200);
    await expectWorkingTokens(viaCookie.body, user.accountId, ['pwd'], beforeTrusted);

    const devices = await app.http().get('/auth/me/trusted-devices').set(bearer);
    expectStatus(devices, 200);
    expect(devices.body.items).toEqual([
      expect.objectContaining({
        id: expect.any(String),
        label: 'Unknown device',
        ip: expect.any(String),
      }),
    ]);
    expectStatus(
      await app.http().delete(`/auth/me/trusted-devices/${devices.body.items[0].id}`).set(bearer),
      204,
    );
    // Once removed from the list, that computer is unrecognized again: a code, no tokens.
    const again = await app.login('emma', undefined, passed.body.trustedDeviceToken);
    expectStatus(again, 200);
    expect(again.body).toEqual({
      challengeId: expect.any(String),
      method: 'email',
      sentTo: 'e***a@example.com',
    });
    const stored = JSON.stringify(await app.allEvents());
    expect(stored).not.toContain(passed.body.trustedDeviceToken);
    expect(stored).not.toContain(`"${code}"`);
  });

  it('email every time: a trusted computer still gets a code; expired codes are refused', async () => {
    const user = await app.activeAccount(orgId, 'ewan');
    const { bearer } = await app.tokens('ewan');
    await verifyEmail(bearer, user.email);
    expectStatus(
      await app.http().put('/auth/me/method').set(bearer).send({ method: 'email-every-time' }),
      200,
    );
    const challenge = await app.login('ewan');
    const code = await app.codeSentTo(user.email);
    const answering = Date.now();
    const passed = await app
      .http()
      .post(`/auth/login/${challenge.body.challengeId}`)
      .send({ code });
    expectStatus(passed, 200);
    expect(passed.body.trustedDeviceToken).toBeUndefined();
    await expectWorkingTokens(passed.body, user.accountId, ['pwd', 'mfa', 'email'], answering);
    const second = await app.login('ewan');
    expect(second.body).toEqual({
      challengeId: expect.any(String),
      method: 'email',
      sentTo: expect.any(String),
    });
  });

  it('authenticator: enrollment with QR code, sign-in with a TOTP code, a replayed code is refused', async () => {
    const user = await app.activeAccount(orgId, 'tina');
    const { bearer } = await app.tokens('tina');
    const chosen = await app
      .http()
      .put('/auth/me/method')
      .set(bearer)
      .send({ method: 'authenticator' });
    expectStatus(chosen, 200);
    expect(chosen.body.enrollment.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    expect(chosen.body.enrollment.qrCode).toMatch(/^data:image\/png;base64,/);
    const secret: string = chosen.body.enrollment.secret;
    expectStatus(
      await app.http().post('/auth/me/authenticator/confirm').set(bearer).send({ code: '000000' }),
      400,
    );
    const confirmed = await app
      .http()
      .post('/auth/me/authenticator/confirm')
      .set(bearer)
      .send({ code: await totpAt(secret, Date.now()) });
    expectStatus(confirmed, 200);
    expect(confirmed.body.method).toBe('authenticator');
    expect(JSON.stringify(await app.allEvents())).not.toContain(secret);

    const challenge = await app.login('tina');
    expect(challenge.body).toEqual({
      challengeId: expect.any(String),
      method: 'authenticator',
      sentTo: null,
    });
    const code = await totpAt(secret, Date.now());
    const answering = Date.now();
    const passed = await app
      .http()
      .post(`/auth/login/${challenge.body.challengeId}`)
      .send({ code });
    expectStatus(passed, 200);
    await expectWorkingTokens(passed.body, user.accountId, ['pwd', 'mfa', 'otp'], answering);

    const next = await app.login('tina');
    expectStatus(next, 200);
    expect(next.body.trustedDeviceToken).toBeUndefined();
    // Without the trusted-device token this computer is unrecognized: a new challenge, the same code is a replay.
    const replay = await app.http().post(`/auth/login/${next.body.challengeId}`).send({ code });
    expectStatus(replay, 401);
    expect(replay.body.code).toBe('AUTH-challenge-code-replayed');
    expect((await app.waitForMessage(user.email, 'totp-replayed')).tag).toBe('totp-replayed');
  });

  it('authenticator every time: asks even on a trusted computer', async () => {
    const user = await app.activeAccount(orgId, 'tom');
    const { bearer } = await app.tokens('tom');
    const chosen = await app
      .http()
      .put('/auth/me/method')
      .set(bearer)
      .send({ method: 'authenticator-every-time' });
    const secret = chosen.body.enrollment.secret;
    expectStatus(
      await app
        .http()
        .post('/auth/me/authenticator/confirm')
        .set(bearer)
        .send({ code: await totpAt(secret, Date.now()) }),
      200,
    );
    const challenge = await app.login('tom');
    expect(challenge.body.method).toBe('authenticator');
    // The step confirmed at enrollment was not a sign-in: the next step's code is fresh.
    const answering = Date.now();
    const passed = await app
      .http()
      .post(`/auth/login/${challenge.body.challengeId}`)
      .send({ code: await totpAt(secret, Date.now() + 30_000) });
    expectStatus(passed, 200);
    expect(passed.body.trustedDeviceToken).toBeUndefined();
    await expectWorkingTokens(passed.body, user.accountId, ['pwd', 'mfa', 'otp'], answering);
  });

  it('an administrator resets a lost authenticator; not their own, not another organization, not a standard user', async () => {
    const user = await app.activeAccount(orgId, 'lost');
    const { bearer } = await app.tokens('lost');
    const chosen = await app
      .http()
      .put('/auth/me/method')
      .set(bearer)
      .send({ method: 'authenticator' });
    await app
      .http()
      .post('/auth/me/authenticator/confirm')
      .set(bearer)
      .send({ code: await totpAt(chosen.body.enrollment.secret, Date.now()) });
    const adminTokens = await app.loginWithChallengeFree('admin');
    const noReason = await app
      .http()
      .post(`/auth/accounts/${user.accountId}/authenticator/reset`)
      .set(adminTokens)
      .send({});
    expectStatus(noReason, 400);
    expect(noReason.body.message).toMatch(/reason/);
    const byUser = await app
      .http()
      .post(`/auth/accounts/${user.accountId}/authenticator/reset`)
      .set(bearer)
      .send({ reason: 'lost phone' });
    expectStatus(byUser, 403);
    const otherOrg = await app.organization();
    const stranger = await app.activeAccount(otherOrg, 'stranger');
    await app.addAdministrator(otherOrg, stranger.accountId);
    const strangerTokens = await app.tokens('stranger');
    const cross = await app
      .http()
      .post(`/auth/accounts/${user.accountId}/authenticator/reset`)
      .set(strangerTokens.bearer)
      .send({ reason: 'lost phone' });
    expectStatus(cross, 404);
    const ok = await app
      .http()
      .post(`/auth/accounts/${user.accountId}/authenticator/reset`)
      .set(adminTokens)
      .send({ reason: 'lost phone' });
    expectStatus(ok, 204);
    const next = await app.login('lost');
    expect(next.body).toEqual(
      expect.objectContaining({
        method: 'enroll-second-factor',
        reason: 'authenticator-not-enrolled',
      }),
    );
  });
});
