import { AuthTestApp, expectStatus, totpAt } from '../testing/auth-test-app';

describe('setting up a second factor during sign-in (organization requires two-factor)', () => {
  let app: AuthTestApp;
  let orgId: string;
  beforeAll(async () => {
    app = await AuthTestApp.start();
    orgId = await app.organization({ twoFactorRequired: true });
  });
  afterAll(() => app.close());

  const enroll = (challengeId: string, body: object) =>
    app.http().post(`/auth/login/${challengeId}/enrollment`).send(body);
  const answer = (challengeId: string, body: object) =>
    app.http().post(`/auth/login/${challengeId}`).send(body);

  it('a password user gets no tokens until an authenticator is enrolled; then tokens, and password cannot be chosen again', async () => {
    await app.activeAccount(orgId, 'paula');
    const login = await app.login('paula');
    expectStatus(login, 200);
    expect(login.body).toEqual({
      challengeId: expect.any(String),
      method: 'enroll-second-factor',
      sentTo: null,
      reason: 'organization-requires-two-factor',
    });
    const { challengeId } = login.body;
    expect(login.body.accessToken).toBeUndefined();

    // Nothing proved yet: the code route refuses and issues no tokens.
    const early = await answer(challengeId, { code: '123456' });
    expectStatus(early, 409);
    expect(early.body.code).toBe('AUTH-enrollment-incomplete');

    const chosen = await enroll(challengeId, { method: 'authenticator' });
    expectStatus(chosen, 200);
    expect(chosen.body.enrollment.otpauthUri).toMatch(/^otpauth:\/\/totp\/.*paula/);
    expect(chosen.body.enrollment.qrCode).toMatch(/^data:image\/png;base64,/);
    const secret: string = chosen.body.enrollment.secret;

    const wrong = await answer(challengeId, {
      code: await totpAt(secret, Date.now() - 10 * 60_000),
    });
    expectStatus(wrong, 400);
    expect(wrong.body.code).toBe('AUTH-authenticator-code-wrong');

    const done = await answer(challengeId, { code: await totpAt(secret, Date.now()) });
    expectStatus(done, 200);
    expect(done.body).toEqual(
      expect.objectContaining({
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
      }),
    );
    const claims = JSON.parse(
      Buffer.from(done.body.accessToken.split('.')[1], 'base64url').toString(),
    );
    expect(claims.amr).toEqual(['pwd', 'mfa', 'otp']);
    const used = await answer(challengeId, { code: await totpAt(secret, Date.now()) });
    expectStatus(used, 401);
    expect(used.body.code).toBe('AUTH-challenge-used');

    const bearer = { Authorization: `Bearer ${done.body.accessToken}` };
    const back = await app.http().put('/auth/me/method').set(bearer).send({ method: 'password' });
    expectStatus(back, 403);
    expect(back.body).toEqual(
      expect.objectContaining({
        code: 'AUTH-method-two-factor-required',
        details: { reason: 'organization-requires-two-factor' },
      }),
    );

    // The next sign-in asks for the authenticator, no more enrollment.
    const next = await app.login('paula');
    expect(next.body.method).toBe('authenticator');
  });

  it('email every time: a code to the address proves it, and the chosen variant is kept', async () => {
    const user = await app.activeAccount(orgId, 'eliot');
    const { challengeId } = (await app.login('eliot')).body;
    const chosen = await enroll(challengeId, { method: 'email-every-time' });
    expectStatus(chosen, 200);
    expect(chosen.body).toEqual({ challengeId, method: 'email-every-time', sentTo: user.email });
    const code = await app.codeSentTo(user.email);
    const done = await answer(challengeId, { code, method: 'email-every-time' });
    expectStatus(done, 200);
    expect(done.body.trustedDeviceToken).toBeUndefined();
    const next = await app.login('eliot');
    expect(next.body).toEqual(expect.objectContaining({ method: 'email' }));
  });

  it('sms: a code to the profile phone proves it; without a method the plain "sms" method is chosen', async () => {
    const phone = '+14155550199';
    await app.activeAccount(orgId, 'simon', { mobilePhone: phone });
    const { challengeId } = (await app.login('simon')).body;
    const chosen = await enroll(challengeId, { method: 'sms' });
    expectStatus(chosen, 200);
    expect(chosen.body).toEqual({ challengeId, method: 'sms', sentTo: phone });
    const code = await app.codeSentTo(phone);
    const wrong = await answer(challengeId, { code: code === '000000' ? '111111' : '000000' });
    expectStatus(wrong, 400);
    expect(wrong.body.code).toBe('AUTH-verification-code-wrong');
    const done = await answer(challengeId, { code });
    expectStatus(done, 200);
    expect(done.body.trustedDeviceToken).toEqual(expect.any(String));
    expect((await app.login('simon')).body).toEqual(expect.objectContaining({ method: 'sms' }));
  });

  it('refuses bad input naming the field, unknown and non-enrollment challenges', async () => {
    await app.activeAccount(orgId, 'bart');
    const { challengeId } = (await app.login('bart')).body;
    const bad = await enroll(challengeId, { method: 'carrier-pigeon' });
    expectStatus(bad, 400);
    expect(bad.body.message).toBe(
      'method must be one of password, email, email-every-time, sms, sms-every-time, authenticator, authenticator-every-time',
    );
    const pwd = await enroll(challengeId, { method: 'password' });
    expectStatus(pwd, 400);
    expect(pwd.body.message).toBe('method must be an email, SMS or authenticator method');
    const missing = await enroll(challengeId, {});
    expectStatus(missing, 400);
    expect(missing.body.message).toMatch(/^method: /);
    const extra = await enroll(challengeId, { method: 'authenticator', admin: true });
    expectStatus(extra, 400);
    expect(extra.body.message).toMatch(/admin/);
    const badCode = await answer(challengeId, { code: 'abc' });
    expectStatus(badCode, 400);
    expect(badCode.body.message).toBe('code: must be the 6 digits you received');
    const noPhone = await enroll(challengeId, { method: 'sms' });
    expectStatus(noPhone, 409);
    expect(noPhone.body.code).toBe('AUTH-verification-no-phone');

    const unknown = await enroll('00000000-0000-4000-8000-000000000000', {
      method: 'authenticator',
    });
    expectStatus(unknown, 404);
    expect(unknown.body.code).toBe('AUTH-challenge-not-found');
    expectStatus(await enroll('not-a-uuid', { method: 'authenticator' }), 400);
  });

  it('an organization that does not allow a factor refuses it (403)', async () => {
    const strict = await app.organization({
      twoFactorRequired: true,
      allowedSecondFactors: ['authenticator'],
    });
    await app.activeAccount(strict, 'sally');
    const { challengeId } = (await app.login('sally')).body;
    const refused = await enroll(challengeId, { method: 'email' });
    expectStatus(refused, 403);
    expect(refused.body.code).toBe('AUTH-method-factor-not-allowed');
  });
});
