import { AuthTestApp, expectStatus, totpAt } from '../testing/auth-test-app';

const otherThan = (code: string) => (code === '000000' ? '111111' : '000000');

describe('SMS sign-in, "every time" methods on a trusted computer, resending a code', () => {
  let app: AuthTestApp;
  let orgId: string;
  beforeAll(async () => {
    app = await AuthTestApp.start();
    orgId = await app.organization();
  });
  afterAll(() => app.close());

  const answer = (challengeId: string, code: string) =>
    app.http().post(`/auth/login/${challengeId}`).send({ code });
  const resend = (challengeId: string) =>
    app.http().post(`/auth/login/${challengeId}/resend`).send();

  async function verify(bearer: Record<string, string>, channel: 'email' | 'sms', to: string) {
    expectStatus(await app.http().post(`/auth/me/verification/${channel}`).set(bearer), 200);
    expectStatus(
      await app
        .http()
        .post(`/auth/me/verification/${channel}/confirm`)
        .set(bearer)
        .send({ code: await app.codeSentTo(to) }),
      200,
    );
  }

  /** Signs in through a code challenge and returns the trusted-device token it grants. */
  async function passCodeChallenge(userName: string, to: string): Promise<string> {
    const challenge = await app.login(userName);
    const passed = await answer(challenge.body.challengeId, await app.codeSentTo(to));
    expectStatus(passed, 200);
    return passed.body.trustedDeviceToken;
  }

  it('sms: the code goes to the verified phone (masked); the computer becomes trusted; sms every time ignores it', async () => {
    const phone = '+14155550123';
    const user = await app.activeAccount(orgId, 'sam', { mobilePhone: phone });
    const { bearer } = await app.tokens('sam');
    await verify(bearer, 'sms', phone);
    expectStatus(await app.http().put('/auth/me/method').set(bearer).send({ method: 'sms' }), 200);

    const challenge = await app.login('sam');
    expect(challenge.body).toEqual({
      challengeId: expect.any(String),
      method: 'sms',
      sentTo: expect.stringContaining('*'),
    });
    expect(challenge.body.sentTo).not.toBe(phone);
    const message = await app.lastMessage(phone);
    expect(message.tag).toBe('sign-in-code');
    // No code by email (the email gets only the method-changed notice).
    expect(await app.messages(user.email, 'sign-in-code')).toEqual([]);
    const code = await app.codeSentTo(phone);
    expectStatus(await answer(challenge.body.challengeId, otherThan(code)), 401);
    const passed = await answer(challenge.body.challengeId, code);
    expectStatus(passed, 200);
    const trusted: string = passed.body.trustedDeviceToken;
    expect(trusted).toEqual(expect.any(String));
    const skip = await app.login('sam', undefined, trusted);
    expect(skip.body.accessToken).toEqual(expect.any(String));

    expectStatus(
      await app.http().put('/auth/me/method').set(bearer).send({ method: 'sms-every-time' }),
      200,
    );
    const every = await app.login('sam', undefined, trusted);
    expect(every.body).toEqual(
      expect.objectContaining({ method: 'sms', challengeId: expect.any(String) }),
    );
    const done = await answer(every.body.challengeId, await app.codeSentTo(phone));
    expectStatus(done, 200);
    expect(done.body.trustedDeviceToken).toBeUndefined();
  });

  it('email every time asks on a computer trusted under "email"', async () => {
    const user = await app.activeAccount(orgId, 'evie');
    const { bearer } = await app.tokens('evie');
    await verify(bearer, 'email', user.email);
    expectStatus(
      await app.http().put('/auth/me/method').set(bearer).send({ method: 'email' }),
      200,
    );
    const trusted = await passCodeChallenge('evie', user.email);
    expect((await app.login('evie', undefined, trusted)).body.accessToken).toEqual(
      expect.any(String),
    );
    expectStatus(
      await app.http().put('/auth/me/method').set(bearer).send({ method: 'email-every-time' }),
      200,
    );
    const every = await app.login('evie', undefined, trusted);
    expect(every.body).toEqual(
      expect.objectContaining({ method: 'email', challengeId: expect.any(String) }),
    );
  });

  it('authenticator every time asks on a computer trusted under "authenticator"', async () => {
    await app.activeAccount(orgId, 'otto');
    const { bearer } = await app.tokens('otto');
    const secret = (
      await app.http().put('/auth/me/method').set(bearer).send({ method: 'authenticator' })
    ).body.enrollment.secret;
    expectStatus(
      await app
        .http()
        .post('/auth/me/authenticator/confirm')
        .set(bearer)
        .send({ code: await totpAt(secret, Date.now()) }),
      200,
    );
    const challenge = await app.login('otto');
    const passed = await answer(
      challenge.body.challengeId,
      await totpAt(secret, Date.now() + 30_000),
    );
    expectStatus(passed, 200);
    const trusted = passed.body.trustedDeviceToken;
    expect((await app.login('otto', undefined, trusted)).body.accessToken).toEqual(
      expect.any(String),
    );
    expectStatus(
      await app
        .http()
        .put('/auth/me/method')
        .set(bearer)
        .send({ method: 'authenticator-every-time' }),
      200,
    );
    const every = await app.login('otto', undefined, trusted);
    expect(every.body).toEqual(
      expect.objectContaining({ method: 'authenticator', challengeId: expect.any(String) }),
    );

    // An authenticator code cannot be sent again.
    const refused = await resend(every.body.challengeId);
    expectStatus(refused, 409);
    expect(refused.body.code).toBe('AUTH-challenge-not-resendable');
  });

  it('resend: a new code, the old one stops working, wrong guesses still count, at most 3 resends', async () => {
    const user = await app.activeAccount(orgId, 'rita');
    const { bearer } = await app.tokens('rita');
    await verify(bearer, 'email', user.email);
    expectStatus(
      await app.http().put('/auth/me/method').set(bearer).send({ method: 'email-every-time' }),
      200,
    );
    const { challengeId } = (await app.login('rita')).body;
    const first = await app.codeSentTo(user.email);
    const wrong = await answer(challengeId, otherThan(first));
    expect(wrong.body.details).toEqual({ attemptsLeft: 4 });

    const again = await resend(challengeId);
    expectStatus(again, 200);
    expect(again.body).toEqual({ challengeId, method: 'email', sentTo: 'r***a@example.com' });
    const second = await app.codeSentTo(user.email);
    const old = await answer(challengeId, first === second ? otherThan(second) : first);
    expectStatus(old, 401);
    expect(old.body).toEqual(
      expect.objectContaining({ code: 'AUTH-challenge-code-wrong', details: { attemptsLeft: 3 } }),
    );

    expectStatus(await resend(challengeId), 200);
    expectStatus(await resend(challengeId), 200);
    const limit = await resend(challengeId);
    expectStatus(limit, 429);
    expect(limit.body.code).toBe('AUTH-challenge-resend-limit');
    const last = await app.codeSentTo(user.email);
    const done = await answer(challengeId, last);
    expectStatus(done, 200);
    const used = await resend(challengeId);
    expectStatus(used, 401);
    expect(used.body.code).toBe('AUTH-challenge-used');
  });

  it('resend: unknown challenge 404, not a UUID 400', async () => {
    const unknown = await resend('00000000-0000-4000-8000-000000000000');
    expectStatus(unknown, 404);
    expect(unknown.body.code).toBe('AUTH-challenge-not-found');
    expectStatus(await resend('nope'), 400);
  });
});
