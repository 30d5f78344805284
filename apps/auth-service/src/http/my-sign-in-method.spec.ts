import { AuthTestApp, expectStatus, totpAt } from '../testing/auth-test-app';

describe('GET /auth/me/method: the current sign-in method for the settings page', () => {
  let app: AuthTestApp;
  let orgId: string;
  beforeAll(async () => {
    app = await AuthTestApp.start();
    orgId = await app.organization();
  });
  afterAll(() => app.close());

  it('says password for a new account, then the pending and the confirmed authenticator, never a secret', async () => {
    await app.activeAccount(orgId, 'mona');
    const { bearer } = await app.tokens('mona');
    const before = await app.http().get('/auth/me/method').set(bearer);
    expectStatus(before, 200);
    expect(before.body).toEqual({
      method: 'password',
      authenticatorEnrolled: false,
      pendingAuthenticatorMethod: null,
      emailVerified: false,
      phoneVerified: false,
    });

    const chosen = await app
      .http()
      .put('/auth/me/method')
      .set(bearer)
      .send({ method: 'authenticator' });
    expectStatus(chosen, 200);
    const pending = await app.http().get('/auth/me/method').set(bearer);
    expect(pending.body).toEqual(
      expect.objectContaining({
        method: 'password',
        pendingAuthenticatorMethod: 'authenticator',
        authenticatorEnrolled: false,
      }),
    );
    expect(JSON.stringify(pending.body)).not.toContain(chosen.body.enrollment.secret);

    const code = await totpAt(chosen.body.enrollment.secret, Date.now());
    expectStatus(
      await app.http().post('/auth/me/authenticator/confirm').set(bearer).send({ code }),
      200,
    );
    const after = await app.http().get('/auth/me/method').set(bearer);
    expect(after.body).toEqual(
      expect.objectContaining({
        method: 'authenticator',
        authenticatorEnrolled: true,
        pendingAuthenticatorMethod: null,
      }),
    );
  });

  it('401 without a token or with a bad one', async () => {
    expectStatus(await app.http().get('/auth/me/method'), 401);
    expectStatus(
      await app.http().get('/auth/me/method').set('Authorization', 'Bearer not-a-token'),
      401,
    );
  });
});
